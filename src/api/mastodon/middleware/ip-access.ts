// IP blocks of severity no_access: every request from such an address is
// refused before any work, as Mastodon's Rack::Attack blocklist does. The
// blocks are read at most every few seconds per process, so a new block
// takes hold within that time everywhere.
import type { MiddlewareHandler } from "hono";
import { listActiveIpBlocks } from "../../../../db/queries/sign-up-controls.ts";
import { ipRangeMatcher } from "../../../domain/sign-up-checks.ts";
import type { ApiEnv } from "../env.ts";
import { apiError } from "../errors.ts";
import { clientAddress } from "./rate-limit.ts";

const REFRESH_MS = 5_000;

/** Refuses requests from addresses under a no_access IP block with 403. */
export function ipAccess(): MiddlewareHandler<ApiEnv> {
  let matcher: { blocked: (ip: string) => boolean; expires: number; readAt: number } | undefined;
  let reading: Promise<typeof matcher> | undefined;
  return async (c, next) => {
    const now = Date.now();
    if (!matcher || now - matcher.readAt >= REFRESH_MS || now >= matcher.expires) {
      reading ??= listActiveIpBlocks(c.var.deps.db, now).then((blocks) => {
        const noAccess = blocks.filter((b) => b.severity === "no_access");
        const match = ipRangeMatcher(noAccess.map((b) => b.ip));
        // Re-read when the first of them expires.
        const expires = Math.min(...noAccess.map((b) => (b.expires_at === null ? Infinity : Number(b.expires_at))));
        return { blocked: (ip: string) => match(ip) !== undefined, expires, readAt: now };
      }).finally(() => {
        reading = undefined;
      });
      matcher = await reading;
    }
    if (matcher!.blocked(clientAddress(c, c.var.deps.config.trustProxy ?? false))) return apiError(c, 403, "Your address is blocked from this server");
    await next();
  };
}
