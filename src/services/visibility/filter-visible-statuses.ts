// The batch form of mayViewStatus (the same rule, see may-view-status.ts):
// which of many statuses a viewer may see, in a fixed number of queries,
// for pages such as a thread's context.
import type { Executor } from "../../../db/queries/executor.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";

/** The statuses (in their order) the viewer, an account id or null for anonymous, may see. */
export async function filterVisibleStatuses(db: Executor, statuses: readonly StatusRow[], viewerId: Id | null): Promise<StatusRow[]> {
  if (viewerId === null) return statuses.filter((s) => s.visibility === "public" || s.visibility === "unlisted");
  const others = statuses.filter((s) => s.account_id !== viewerId);
  const authorIds = [...new Set(others.map((s) => s.account_id))];
  const limitedIds = others.filter((s) => s.visibility === "private" || s.visibility === "direct").map((s) => s.id);
  const [blocks, mentions, follows] = await Promise.all([
    authorIds.length === 0
      ? []
      : db
        .selectFrom("blocks")
        .select(["account_id", "target_account_id"])
        .where((eb) =>
          eb.or([
            eb.and([eb("account_id", "=", viewerId), eb("target_account_id", "in", authorIds)]),
            eb.and([eb("target_account_id", "=", viewerId), eb("account_id", "in", authorIds)]),
          ])
        )
        .execute(),
    limitedIds.length === 0
      ? []
      : db.selectFrom("mentions").select("status_id").where("account_id", "=", viewerId).where("status_id", "in", limitedIds).execute(),
    limitedIds.length === 0
      ? []
      : db.selectFrom("follows").select("target_account_id").where("account_id", "=", viewerId).where("target_account_id", "in", authorIds).execute(),
  ]);
  const blocked = new Set(blocks.map((b) => (b.account_id === viewerId ? b.target_account_id : b.account_id)));
  const mentioned = new Set(mentions.map((m) => m.status_id));
  const followed = new Set(follows.map((f) => f.target_account_id));
  return statuses.filter((s) => {
    if (s.account_id === viewerId) return true;
    if (blocked.has(s.account_id)) return false;
    if (s.visibility === "public" || s.visibility === "unlisted") return true;
    if (mentioned.has(s.id)) return true;
    return s.visibility === "private" && followed.has(s.account_id);
  });
}
