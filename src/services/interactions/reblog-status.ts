// Boosting: a local reblog (API) and an inbound Announce both come here. A
// reblog is a status row pointing at the original; undoing it is deleteStatus.
import { adjustAccountCounter, findAccountById } from "../../../db/queries/accounts.ts";
import { adjustStatusCounter, findReblog, findStatusById, findStatusByUri, insertStatus, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id, Visibility } from "../../../db/schema/index.ts";
import type { Origin } from "../../domain/events.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, federatesFrom, writeTransaction } from "../context.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";
import { fanOutReblogToHomes } from "../statuses/fan-out.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";

export interface ReblogInput {
  accountId: Id;
  statusId: Id;
  origin: Origin;
  /** The Announce activity's id, for remote reblogs. */
  uri?: string;
  visibility?: Visibility;
  createdAt?: number;
}

/** Reblogs a visible public or unlisted status; idempotent. */
export async function reblogStatus(deps: ServiceDeps, input: ReblogInput): Promise<Result<StatusRow>> {
  const [account, original] = await Promise.all([findAccountById(deps.db, input.accountId), findStatusById(deps.db, input.statusId)]);
  if (!account || account.deleted_at !== null) return fail("not-found", "Account not found");
  if (!original || original.reblog_of_id !== null || !(await mayViewStatus(deps.db, original, account.id))) {
    return fail("not-found", "Record not found");
  }
  // A boost would carry a status held for review to the booster's followers, here and elsewhere.
  if (original.held_at !== null) return fail("validation", "This status is waiting for a moderator's review");
  // Only public and unlisted posts can be boosted; an author may boost their own private post.
  const ownPrivate = original.visibility === "private" && original.account_id === account.id;
  if (original.visibility !== "public" && original.visibility !== "unlisted" && !ownPrivate) {
    return fail("forbidden", "This status cannot be reblogged");
  }
  const existing = await findReblog(deps.db, account.id, original.id);
  if (existing) return ok(existing);
  if (input.uri && (await findStatusByUri(deps.db, input.uri))) return fail("conflict", "Reblog already exists");

  const now = Date.now();
  const createdAt = input.origin === "local" ? now : Math.min(input.createdAt ?? now, now);
  const id = input.origin === "local" ? deps.ids.next() : deps.ids.at(createdAt);
  return writeTransaction(deps, async (tx, emit) => {
    await insertStatus(tx, {
      id,
      uri: input.uri ?? `${deps.uris.status(account.username, id)}/activity`,
      url: null,
      account_id: account.id,
      local: input.origin === "local" ? 1 : 0,
      in_reply_to_id: null,
      in_reply_to_uri: null,
      in_reply_to_account_id: null,
      reblog_of_id: original.id,
      object_type: "Announce",
      content: "",
      text: null,
      name: null,
      spoiler_text: "",
      sensitive: 0,
      visibility: ownPrivate ? "private" : (input.visibility ?? "public"),
      language: null,
      emojis: "[]",
      poll: "null",
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      created_at: createdAt,
      edited_at: null,
      updated_at: now,
    });
    await adjustStatusCounter(tx, original.id, "reblogs_count", 1);
    await adjustAccountCounter(tx, account.id, "statuses_count", 1);
    const author = await findAccountById(tx, original.account_id);
    const reblog = (await findStatusById(tx, id))!;
    if (author) await fanOutReblogToHomes(tx, account, reblog, original, author);
    if (author?.domain === null) {
      await notifyAccounts(deps, tx, emit, { type: "reblog", fromAccountId: account.id, statusId: original.id, recipientIds: [author.id] });
    }
    emit({ type: "status.created", statusId: id }, federatesFrom(input.origin));
    return ok(reblog);
  });
}
