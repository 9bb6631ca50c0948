// The collections of each local actor: followers and following (paged, with
// counts), outbox (public posts as Create activities) and featured (pinned
// statuses, embedded, as Mastodon serves them).
import { Create } from "@fedify/vocab";
import type { Federation } from "@fedify/fedify";
import type { Recipient } from "@fedify/vocab";
import { findLocalAccountByUsername } from "../../db/queries/accounts.ts";
import { pageFollowAccounts } from "../../db/queries/follows.ts";
import { loadStatusParts } from "../../db/queries/status-parts.ts";
import { findPinnedStatuses } from "../../db/queries/status-pins.ts";
import { countPublicStatusesOf, pagePublicStatusesOf } from "../../db/queries/statuses.ts";
import { isUnavailable } from "../../src/domain/account-state.ts";
import type { ParleyContext, ParleyContextData } from "../context.ts";
import { filterVisibleStatuses } from "../../src/services/visibility/may-view-status.ts";
import { addressingOf, statusToNote } from "../mappers/status-to-note.ts";
import { paths } from "../paths.ts";
import { signedViewer } from "./signed-viewer.ts";

const PAGE_SIZE = 40;

async function liveAccount(ctx: ParleyContext, identifier: string) {
  const account = await findLocalAccountByUsername(ctx.data.db, identifier);
  return account && !isUnavailable(account) && account.username === identifier ? account : null;
}

/** Registers followers, following, outbox and featured dispatchers. */
export function registerCollectionDispatchers(federation: Federation<ParleyContextData>): void {
  federation
    .setFollowersDispatcher(paths.followers, async (ctx, identifier, cursor, filter) => {
      const account = await liveAccount(ctx, identifier);
      if (!account) return null;
      // cursor null: the whole collection (Fedify asks so for FEP-8fcf digests).
      const rows = await pageFollowAccounts(ctx.data.db, "followers", account.id, {
        limit: cursor === null ? 100_000 : PAGE_SIZE,
        ...(cursor ? { beforeFollowId: cursor } : {}),
      });
      const items: Recipient[] = rows
        .filter((r) => !filter || new URL(r.uri).origin === filter.origin)
        .map((r) => ({
          id: new URL(r.uri),
          inboxId: new URL(r.inbox_url),
          endpoints: r.shared_inbox_url ? { sharedInbox: new URL(r.shared_inbox_url) } : null,
        }));
      const last = rows.at(-1);
      return { items, nextCursor: cursor !== null && rows.length === PAGE_SIZE && last ? last.follow_id : null };
    })
    .setCounter(async (ctx, identifier) => (await liveAccount(ctx, identifier))?.followers_count ?? null)
    .setFirstCursor(() => "");

  federation
    .setFollowingDispatcher(paths.following, async (ctx, identifier, cursor) => {
      const account = await liveAccount(ctx, identifier);
      if (!account || cursor === null) return null;
      const rows = await pageFollowAccounts(ctx.data.db, "following", account.id, {
        limit: PAGE_SIZE,
        ...(cursor ? { beforeFollowId: cursor } : {}),
      });
      const last = rows.at(-1);
      return { items: rows.map((r) => new URL(r.uri)), nextCursor: rows.length === PAGE_SIZE && last ? last.follow_id : null };
    })
    .setCounter(async (ctx, identifier) => (await liveAccount(ctx, identifier))?.following_count ?? null)
    .setFirstCursor(() => "");

  federation
    .setOutboxDispatcher(paths.outbox, async (ctx, identifier, cursor) => {
      const account = await liveAccount(ctx, identifier);
      if (!account || cursor === null) return null;
      const rows = await pagePublicStatusesOf(ctx.data.db, account.id, {
        limit: PAGE_SIZE,
        ...(cursor ? { beforeId: cursor } : {}),
      });
      const items = [];
      // A signer the account blocks sees none of its posts (Mastodon's Status.permitted_for).
      for (const row of await filterVisibleStatuses(ctx.data.db, rows, (await signedViewer(ctx))?.id ?? null)) {
        if (row.reblog_of_id !== null) continue;
        const parts = await loadStatusParts(ctx.data.db, row);
        if (!parts) continue;
        const { to, cc } = addressingOf(ctx, parts);
        items.push(new Create({ id: new URL(`${row.uri}/activity`), actor: ctx.getActorUri(identifier), tos: to, ccs: cc, object: statusToNote(ctx, parts) }));
      }
      const last = rows.at(-1);
      return { items, nextCursor: rows.length === PAGE_SIZE && last ? last.id : null };
    })
    .setCounter(async (ctx, identifier) => {
      const account = await liveAccount(ctx, identifier);
      return account ? countPublicStatusesOf(ctx.data.db, account.id) : null;
    })
    .setFirstCursor(() => "");

  federation.setFeaturedDispatcher(paths.featured, async (ctx, identifier) => {
    const account = await liveAccount(ctx, identifier);
    if (!account) return null;
    const items = [];
    // Only public and unlisted statuses can be pinned: all of them, but not to a signer the account blocks.
    const pinned = await findPinnedStatuses(ctx.data.db, account.id);
    for (const row of await filterVisibleStatuses(ctx.data.db, pinned, (await signedViewer(ctx))?.id ?? null)) {
      const parts = await loadStatusParts(ctx.data.db, row);
      if (parts) items.push(statusToNote(ctx, parts));
    }
    return { items };
  });
}
