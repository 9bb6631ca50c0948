// The rate limits of the client API, the OAuth token endpoint and the sign-in
// and sign-up forms, as a table. The figures are Mastodon's defaults
// (config/initializers/rack_attack.rb and its RateLimiter for statuses);
// docs/adr/0014-api-rate-limits.md explains the counting.

/** What a bucket may look at: the method, the path, and for a sign-in the grant type and the login it names. */
export interface LimitedRequest {
  method: string;
  path: string;
  grantType: string | null;
  /** The email or username a sign-in form or password grant names, lower-cased. */
  login: string | null;
}

/** One limit: which requests it counts, how many per period, and whose. */
export interface RateLimitBucket {
  name: string;
  limit: number;
  periodMs: number;
  /** Whether a request counts against this bucket. */
  matches(request: LimitedRequest): boolean;
  /**
   * "caller": per access token, or per address without one; "address": per
   * client address always; "account": per signed-in account, over all its tokens;
   * "login": per account a sign-in names, from any address.
   */
  per: "caller" | "address" | "account" | "login";
}

// Mastodon's default for the API: 300 requests per 5 minutes per token (or per address).
export const DEFAULT_API_LIMIT = 300;
const MINUTE = 60_000;

const post = (path: string | RegExp) => (r: LimitedRequest) => r.method === "POST" && (typeof path === "string" ? r.path === path : path.test(r.path));
// The sign-in form and the password grant are the same guess at a password.
const signIn = (r: LimitedRequest) => post("/auth/sign_in")(r) || (post("/oauth/token")(r) && r.grantType === "password");

/**
 * The buckets of this instance. `apiLimit` is the general per-caller limit
 * (PARLEY_API_RATE_LIMIT); 0 turns every limit off. `overrides` replaces
 * the limit of named buckets (0 turns that one off): tests use it.
 */
export function rateLimitBuckets(apiLimit: number, overrides: Partial<Record<string, number>> = {}): RateLimitBucket[] {
  if (apiLimit <= 0) return [];
  // The streaming API is a long-lived connection, not a request to count (Mastodon serves it apart).
  const api = (r: LimitedRequest) => r.path.startsWith("/api/") && !r.path.startsWith("/api/v1/streaming");
  const buckets: RateLimitBucket[] = [
    { name: "api", limit: apiLimit, periodMs: 5 * MINUTE, matches: api, per: "caller" },
    // throttle_authenticated_api: many tokens of one account share a larger budget.
    { name: "api-account", limit: 5 * apiLimit, periodMs: 5 * MINUTE, matches: api, per: "account" },
    // throttle_api_sign_up and throttle_sign_up_attempts/ip.
    { name: "sign-up-api", limit: 5, periodMs: 30 * MINUTE, matches: post("/api/v1/accounts"), per: "address" },
    { name: "sign-up-form", limit: 25, periodMs: 5 * MINUTE, matches: post("/auth/sign_up"), per: "address" },
    // throttle_login_attempts/ip and /email: guesses from one address, and at one account from many.
    { name: "sign-in", limit: 25, periodMs: 5 * MINUTE, matches: signIn, per: "address" },
    { name: "sign-in-account", limit: 25, periodMs: 60 * MINUTE, matches: (r) => signIn(r) && r.login !== null, per: "login" },
    // throttle_oauth_application_registrations/ip.
    { name: "apps", limit: 5, periodMs: 10 * MINUTE, matches: post("/api/v1/apps"), per: "address" },
    // RateLimiter family :statuses: posts and boosts, 300 per 3 hours per account.
    { name: "statuses", limit: 300, periodMs: 180 * MINUTE, matches: post(/^\/api\/v1\/statuses(\/[^/]+\/reblog)?$/), per: "account" },
    // throttle_api_media: 30 uploads per 30 minutes per account.
    { name: "media", limit: 30, periodMs: 30 * MINUTE, matches: post(/^\/api\/v[12]\/media$/), per: "account" },
  ];
  return buckets
    .map((bucket) => ({ ...bucket, limit: overrides[bucket.name] ?? bucket.limit }))
    .filter((bucket) => bucket.limit > 0);
}
