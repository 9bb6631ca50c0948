// IP blocks of severity no_access: every request from such an address is
// refused before any work, as Mastodon's Rack::Attack blocklist does. The
// blocks are read again at once after a change in this process, and at most
// every few seconds otherwise, so a change made by another process takes hold
// within that time.
import type { MiddlewareHandler } from "hono";
import type { EventBus } from "../../../domain/events.ts";
import { listActiveIpBlocks } from "../../../../db/queries/sign-up-controls.ts";
import { ipRangeMatcher } from "../../../domain/sign-up-checks.ts";
import type { ApiEnv } from "../env.ts";
import { apiError } from "../errors.ts";
import { clientAddress } from "./rate-limit.ts";

const REFRESH_MS = 5_000;

/** Refuses requests from addresses under a no_access IP block with 403. */
export function ipAccess(events: EventBus): MiddlewareHandler<ApiEnv> {
  let matcher: { blocked: (ip: string) => boolean; expires: number; readAt: number } | undefined;
  let reading: Promise<NonNullable<typeof matcher>> | undefined;
  // Bumped by each change, so a read that began before it is not kept.
  let generation = 0;
  events.subscribe((event) => {
    if (event.type !== "ip_blocks.changed") return;
    generation++;
    matcher = undefined;
    reading = undefined;
  });
  return async (c, next) => {
    const now = Date.now();
    let current = matcher;
    if (!current || now - current.readAt >= REFRESH_MS || now >= current.expires) {
      const started = generation;
      reading ??= listActiveIpBlocks(c.var.deps.db, now).then((blocks) => {
        const noAccess = blocks.filter((b) => b.severity === "no_access");
        const match = ipRangeMatcher(noAccess.map((b) => b.ip));
        // Re-read when the first of them expires.
        const expires = Math.min(...noAccess.map((b) => (b.expires_at === null ? Infinity : Number(b.expires_at))));
        return { blocked: (ip: string) => match(ip) !== undefined, expires, readAt: now };
      });
      current = await reading;
      if (started === generation) matcher = current;
      reading = undefined;
    }
    if (current.blocked(clientAddress(c, c.var.deps.config.trustProxy ?? false))) return apiError(c, 403, "Your address is blocked from this server");
    await next();
  };
}
