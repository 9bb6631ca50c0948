// Rate limits on the client API, as Mastodon announces them: every /api/*
// answer carries X-RateLimit-Limit, -Remaining and -Reset (ISO 8601), and a
// caller over the limit gets 429 {"error": "Too many requests"}
// (Mastodon docs: api/rate-limits). Counters are fixed windows kept in this
// process's memory (docs/adr/0014-api-rate-limits.md).
import { createHash } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { Context, MiddlewareHandler } from "hono";
import type { Config } from "../../../config.ts";
import type { ApiEnv } from "../env.ts";
import { bearerOf } from "./auth.ts";

/** One limit: which requests it counts, how many per period, and whose. */
export interface RateLimitBucket {
  name: string;
  limit: number;
  periodMs: number;
  /** Whether a request counts against this bucket. */
  matches(method: string, path: string): boolean;
  /** "caller": per access token, or per address without one; "address": per client address always. */
  per: "caller" | "address";
}

// Mastodon's default for the API: 300 requests per 5 minutes per token (or per address).
export const DEFAULT_API_LIMIT = 300;
const FIVE_MINUTES = 5 * 60_000;

/**
 * The buckets of this instance. Stricter ones (posting, media, app
 * registration, sign-in) are added here as entries with their own matcher.
 */
export function rateLimitBuckets(apiLimit: number): RateLimitBucket[] {
  // The streaming API is a long-lived connection, not a request to count (Mastodon serves it apart).
  const api = (_method: string, path: string) => path.startsWith("/api/") && !path.startsWith("/api/v1/streaming");
  return [{ name: "api", limit: apiLimit, periodMs: FIVE_MINUTES, matches: api, per: "caller" }];
}

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

/** Counts requests per bucket and caller; answers 429 over a limit. Limit 0 turns limiting off. */
export function rateLimit(config: Pick<Config, "apiRateLimit" | "trustProxy">, now: () => number = Date.now): MiddlewareHandler<ApiEnv> {
  const apiLimit = config.apiRateLimit ?? DEFAULT_API_LIMIT;
  const buckets = rateLimitBuckets(apiLimit).filter((b) => b.limit > 0);
  const windows = new Map<string, Window>();
  let sweptAt = 0;

  // Windows are aligned on multiples of the period, so a window ends at the same time for everyone.
  const sweep = (at: number) => {
    if (at - sweptAt < FIVE_MINUTES) return;
    sweptAt = at;
    for (const [key, window] of windows) {
      const bucket = buckets.find((b) => key.startsWith(`${b.name}:`));
      if (!bucket || window.start + bucket.periodMs <= at) windows.delete(key);
    }
  };

  return async (c, next) => {
    const matching = buckets.filter((b) => b.matches(c.req.method, c.req.path));
    if (matching.length === 0) return next();
    const at = now();
    sweep(at);
    const bearer = bearerOf(c);
    const caller = bearer ? `token:${createHash("sha256").update(bearer).digest("base64url")}` : `ip:${clientAddress(c, config.trustProxy ?? false)}`;
    let tightest: { bucket: RateLimitBucket; remaining: number; reset: number } | null = null;
    for (const bucket of matching) {
      const who = bucket.per === "address" ? `ip:${clientAddress(c, config.trustProxy ?? false)}` : caller;
      const key = `${bucket.name}:${who}`;
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
    const { bucket, remaining, reset } = tightest!;
    const headers = {
      "X-RateLimit-Limit": String(bucket.limit),
      "X-RateLimit-Remaining": String(Math.max(remaining, 0)),
      "X-RateLimit-Reset": new Date(reset).toISOString(),
    };
    if (remaining < 0) return c.json({ error: "Too many requests" }, 429, headers);
    await next();
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
  };
}
