// Inbound activities per remote host: a token bucket per signing host (and
// client address) in front of the inboxes. A host over its rate gets 429 with
// Retry-After before Fedify reads the body, fetches a key or verifies a
// signature; senders retry later (docs/adr/0020-inbox-rate-limits.md).
import type { MiddlewareHandler } from "hono";
import { clientAddress } from "../api/mastodon/middleware/rate-limit.ts";
import type { Config } from "../config.ts";
import { isInboxPost } from "./inbox-body-limit.ts";

// Ten activities a second per host, sustained, with a minute's worth of burst.
export const DEFAULT_INBOX_RATE_LIMIT = 600;

interface Bucket {
  tokens: number;
  at: number;
}

/**
 * The host a request claims to be signed by: the keyId of its Signature
 * (draft-cavage) or Signature-Input (RFC 9421) header; "" when unsigned.
 * Unverified, so the bucket is also keyed by the client address: a forger
 * naming another host spends a bucket of its own, never the host's.
 */
export function claimedSigningHost(signature: string | undefined): string {
  const keyId = signature && /keyid="([^"]+)"/i.exec(signature)?.[1];
  if (!keyId) return "";
  try {
    return new URL(keyId).host.toLowerCase();
  } catch {
    return "";
  }
}

/** Refuses inbox POSTs beyond `inboxRateLimit` per minute per host (burst of the same size); 0 turns it off. */
export function inboxRateLimit(config: Pick<Config, "inboxRateLimit" | "trustProxy">, now: () => number = Date.now): MiddlewareHandler {
  const perMinute = config.inboxRateLimit ?? DEFAULT_INBOX_RATE_LIMIT;
  const perMs = perMinute / 60_000;
  const buckets = new Map<string, Bucket>();
  let sweptAt = 0;

  // A bucket that has filled up again is the same as none.
  const sweep = (at: number) => {
    if (at - sweptAt < 60_000) return;
    sweptAt = at;
    for (const [key, bucket] of buckets) if (bucket.tokens + (at - bucket.at) * perMs >= perMinute) buckets.delete(key);
  };

  return async (c, next) => {
    if (perMinute <= 0 || !isInboxPost(c)) return next();
    const at = now();
    sweep(at);
    const host = claimedSigningHost(c.req.header("Signature-Input") ?? c.req.header("Signature"));
    const key = `${host} ${clientAddress(c, config.trustProxy ?? false)}`;
    const bucket = buckets.get(key) ?? { tokens: perMinute, at };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (at - bucket.at) * perMs);
    bucket.at = at;
    buckets.set(key, bucket);
    if (bucket.tokens < 1) {
      const seconds = Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000));
      return c.text("Too many requests", 429, { "Retry-After": String(seconds) });
    }
    bucket.tokens -= 1;
    await next();
  };
}
