// Editing a status: a local edit (API) and an inbound Update(Note) both come
// here. The previous version is kept as history. The automatic rules read the
// edit as they read a new status: a rejected edit changes nothing.
import { findAccountById, findAccountsByIds } from "../../../db/queries/accounts.ts";
import { deletePollDeadline, deletePollVotes, pollOf, upsertPollDeadline } from "../../../db/queries/polls.ts";
import { findMediaOfStatus, findStatusById, updateStatusRow, type StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, federatesFrom, writeTransaction } from "../context.ts";
import { enforceStatusVerdict, REJECTED_POST, runRules, statusSubject } from "../moderation/check-rules.ts";
import { notifyAccounts } from "../notifications/notify-accounts.ts";
import { samePollChoices } from "../polls/poll-rules.ts";
import { localTextProblem, type StatusDraft } from "./status-draft.ts";
import { refusingLostClaims, writeStatusParts } from "./write-status-parts.ts";

export type StatusEdit = Omit<StatusDraft, "visibility" | "inReplyToId" | "inReplyToUri" | "uri" | "url" | "createdAt"> & {
  statusId: Id;
};

/** Applies an edit by the status's own author; anyone else gets "not-found"/"forbidden". */
export async function updateStatus(deps: ServiceDeps, edit: StatusEdit): Promise<Result<StatusRow>> {
  const status = await findStatusById(deps.db, edit.statusId);
  if (!status || status.reblog_of_id !== null) return fail("not-found", "Record not found");
  if (status.account_id !== edit.accountId) return fail("forbidden", "Only the author can edit a status");
  if ((edit.origin === "local") !== (status.local === 1)) return fail("forbidden", "Edits come from the status's origin");
  if (edit.origin === "local") {
    const problem = localTextProblem({ text: edit.text, spoilerText: edit.spoilerText, hasMedia: !!(edit.mediaIds?.length || edit.attachments?.length), hasPoll: !!edit.poll });
    if (problem) return fail("validation", problem);
  }
  const now = Date.now();
  const editedAt = edit.origin === "local" ? now : Math.min(edit.editedAt ?? now, now);
  // An older or repeated Update changes nothing (deliveries may arrive out of order).
  if (status.edited_at !== null && editedAt <= status.edited_at) return ok(status);

  const draft = { ...edit, visibility: status.visibility };
  const verdict = await runRules(deps, async () => statusSubject(deps, draft, (await findAccountById(deps.db, status.account_id))!), { uri: status.uri, accountId: status.account_id });
  if (verdict.reject) return edit.origin === "local" ? fail("validation", REJECTED_POST) : fail("forbidden", "Refused by an automatic rule");

  const previousPoll = pollOf(status);
  return refusingLostClaims(() => writeTransaction(deps, async (tx, emit) => {
    const previousMedia = await findMediaOfStatus(tx, status.id);
    await tx
      .insertInto("status_edits")
      .values({
        id: deps.ids.next(),
        status_id: status.id,
        content: status.content,
        spoiler_text: status.spoiler_text,
        sensitive: status.sensitive,
        created_at: status.edited_at ?? status.created_at,
        media_ids: JSON.stringify(previousMedia.map((m) => m.id)),
        poll_options: previousPoll ? JSON.stringify(previousPoll.options.map((o) => o.title)) : null,
      })
      .execute();
    await updateStatusRow(tx, status.id, {
      content: edit.content,
      text: edit.text ?? null,
      name: edit.name ?? status.name,
      spoiler_text: edit.spoilerText ?? "",
      sensitive: edit.sensitive || verdict.sensitive || (edit.spoilerText ?? "") !== "" ? 1 : 0,
      language: edit.language ?? status.language,
      emojis: JSON.stringify(edit.emojis ?? []),
      poll: JSON.stringify(edit.poll ?? null),
      edited_at: editedAt,
      updated_at: now,
    });
    await writeStatusParts(deps, tx, status.id, draft);
    await enforceStatusVerdict(deps, tx, emit, status, verdict, true);
    // Votes answer the question asked: other options (or no poll) void them, as in Mastodon.
    const newPoll = edit.poll ?? null;
    if (!samePollChoices(previousPoll, newPoll)) {
      await deletePollVotes(tx, status.id);
      await deletePollDeadline(tx, status.id);
    }
    if (status.local === 1 && newPoll?.expiresAt) await upsertPollDeadline(tx, status.id, newPoll.expiresAt);
    // Those who boosted it are told it changed (Mastodon's "update" notification).
    const reblogs = await tx.selectFrom("statuses").select("account_id").where("reblog_of_id", "=", status.id).execute();
    const locals = await findAccountsByIds(tx, reblogs.map((r) => r.account_id));
    await notifyAccounts(deps, tx, emit, {
      type: "update",
      fromAccountId: status.account_id,
      statusId: status.id,
      recipientIds: locals.filter((a) => a.domain === null).map((a) => a.id),
    });
    emit({ type: "status.updated", statusId: status.id }, federatesFrom(edit.origin));
    return ok((await findStatusById(tx, status.id))!);
  }));
}
