// Rate limits on the client API, as Mastodon announces them: every limited
// answer carries X-RateLimit-Limit, -Remaining and -Reset (ISO 8601), and a
// caller over a limit gets 429 {"error": "Too many requests"}
// (Mastodon docs: api/rate-limits). Counters are fixed windows kept in this
// process's memory (docs/adr/0014-api-rate-limits.md); the buckets are the
// table in rate-limit-buckets.ts.
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../../../config.ts";
import { errorPage } from "../../../web/auth/message-page.ts";
import type { ApiEnv } from "../env.ts";
import { bearerOf } from "./auth.ts";
import { DEFAULT_API_LIMIT, type LimitedRequest, type RateLimitBucket, rateLimitBuckets } from "./rate-limit-buckets.ts";

/**
 * The client's address: the socket's peer, or, behind a reverse proxy
 * trusted with PARLEY_TRUST_PROXY, the last X-Forwarded-For entry (the one
 * that proxy appended; earlier entries come from the client and prove nothing).
 */
export function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("X-Forwarded-For")?.split(",").at(-1)?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? "unknown";
}

interface Window {
  start: number;
  count: number;
}

interface Standing {
  bucket: RateLimitBucket;
  remaining: number;
  reset: number;
}

export interface RateLimits {
  /** Counts per token, per address and per form; mounted before authentication so bad tokens count too. */
  byCaller: MiddlewareHandler<ApiEnv>;
  /** Counts per signed-in account; mounted after authentication (c.var.auth). */
  byAccount: MiddlewareHandler<ApiEnv>;
}

const text = (value: unknown): string | null => (typeof value === "string" && value !== "" ? value : null);

// A sign-in's body says whether a token request is a password guess, and at whose
// account; Hono keeps the parsed body for the route.
async function limitedRequest(c: Context): Promise<LimitedRequest> {
  const { method, path } = c.req;
  if (method !== "POST" || (path !== "/oauth/token" && path !== "/auth/sign_in")) return { method, path, grantType: null, login: null };
  const type = c.req.header("Content-Type") ?? "";
  const body = (type.includes("application/json")
    ? await c.req.json().catch(() => null)
    : Object.fromEntries((await c.req.formData().catch(() => null)) ?? [])) as Record<string, unknown> | null;
  const login = text(body?.[path === "/auth/sign_in" ? "email" : "username"]);
  return { method, path, grantType: text(body?.grant_type), login: login?.trim().toLowerCase() ?? null };
}

function refusal(c: Context<ApiEnv>, headers: Record<string, string>): Response | Promise<Response> {
  if (c.req.path.startsWith("/auth/")) {
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    return errorPage(c, 429, "Too many attempts", "Too many attempts from your address. Wait a few minutes and try again.");
  }
  return c.json({ error: "Too many requests" }, 429, headers);
}

const headersOf = ({ bucket, remaining, reset }: Standing) => ({
  "X-RateLimit-Limit": String(bucket.limit),
  "X-RateLimit-Remaining": String(Math.max(remaining, 0)),
  "X-RateLimit-Reset": new Date(reset).toISOString(),
});

/** The rate limits of one instance; limit 0 turns limiting off. */
export function rateLimits(
  config: Pick<Config, "apiRateLimit" | "trustProxy" | "rateLimitOverrides">,
  now: () => number = Date.now,
): RateLimits {
  const buckets = rateLimitBuckets(config.apiRateLimit ?? DEFAULT_API_LIMIT, config.rateLimitOverrides);
  const longest = Math.max(0, ...buckets.map((b) => b.periodMs));
  const windows = new Map<string, Window>();
  // The tightest standing of a request so far, for the headers of its answer (keyed by the context:
  // a body limit may replace c.req.raw on the way).
  const standings = new WeakMap<Context, Standing>();
  let sweptAt = 0;

  // Windows are aligned on multiples of the period, so a window ends at the same time for everyone.
  const sweep = (at: number) => {
    if (at - sweptAt < longest) return;
    sweptAt = at;
    for (const [key, window] of windows) {
      const bucket = buckets.find((b) => key.startsWith(`${b.name}:`));
      if (!bucket || window.start + bucket.periodMs <= at) windows.delete(key);
    }
  };

  /** Counts the request in each bucket for `who`; answers the tightest standing (null when none matched). */
  const count = (c: Context<ApiEnv>, matching: RateLimitBucket[], who: (bucket: RateLimitBucket) => string): Standing | null => {
    const at = now();
    sweep(at);
    let tightest = standings.get(c) ?? null;
    for (const bucket of matching) {
      const key = `${bucket.name}:${who(bucket)}`;
      const start = Math.floor(at / bucket.periodMs) * bucket.periodMs;
      let window = windows.get(key);
      if (!window || window.start !== start) {
        window = { start, count: 0 };
        windows.set(key, window);
      }
      window.count++;
      const remaining = bucket.limit - window.count;
      if (!tightest || remaining < tightest.remaining) tightest = { bucket, remaining, reset: start + bucket.periodMs };
    }
    if (tightest) standings.set(c, tightest);
    return tightest;
  };

  const byCaller: MiddlewareHandler<ApiEnv> = async (c, next) => {
    if (buckets.length === 0) return next();
    const request = await limitedRequest(c);
    const matching = buckets.filter((b) => b.per !== "account" && b.matches(request));
    if (matching.length === 0) return next();
    const address = `ip:${clientAddress(c, config.trustProxy ?? false)}`;
    const bearer = bearerOf(c);
    // Tokens and logins are kept as digests, never in clear.
    const digest = (value: string) => createHash("sha256").update(value).digest("base64url");
    const caller = bearer ? `token:${digest(bearer)}` : address;
    const who = (bucket: RateLimitBucket) => (bucket.per === "address" ? address : bucket.per === "login" ? `login:${digest(request.login ?? "")}` : caller);
    const standing = count(c, matching, who)!;
    if (standing.remaining < 0) return refusal(c, headersOf(standing));
    await next();
    // byAccount may have found a tighter standing meanwhile.
    for (const [name, value] of Object.entries(headersOf(standings.get(c) ?? standing))) c.header(name, value);
  };

  const byAccount: MiddlewareHandler<ApiEnv> = async (c, next) => {
    const accountId = c.var.auth?.accountId;
    if (!accountId) return next();
    const request = { method: c.req.method, path: c.req.path, grantType: null, login: null };
    const matching = buckets.filter((b) => b.per === "account" && b.matches(request));
    if (matching.length === 0) return next();
    const standing = count(c, matching, () => `account:${accountId}`)!;
    if (standing.remaining < 0) return refusal(c, headersOf(standing));
    await next();
  };

  return { byCaller, byAccount };
}
