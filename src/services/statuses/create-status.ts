// The only creation path of a status: a local post (API) and a remote one
// (inbound Create) both end here, so timelines and notifications can't drift.
import { adjustAccountCounter, findAccountById, type AccountRow } from "../../../db/queries/accounts.ts";
import { adjustStatusCounter, findStatusById, findStatusByUri, insertStatus, type StatusRow } from "../../../db/queries/statuses.ts";
import { updateAccount } from "../../../db/queries/accounts.ts";
import { claimIdempotencyKey, settleIdempotencyKey } from "../../../db/queries/idempotency-keys.ts";
import { upsertPollDeadline } from "../../../db/queries/polls.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { mayViewStatus } from "../visibility/may-view-status.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { enforceStatusVerdict, REJECTED_POST, runRules, statusSubject } from "../moderation/check-rules.ts";
import { publishStatus } from "./publish-status.ts";
import { localTextProblem, type StatusDraft, VISIBILITIES } from "./status-draft.ts";
import { refusingLostClaims, writeStatusParts } from "./write-status-parts.ts";

async function validate(deps: ServiceDeps, draft: StatusDraft, author: AccountRow): Promise<Result<StatusRow | null>> {
  if (!VISIBILITIES.includes(draft.visibility)) return fail("validation", "Visibility is not valid");
  if (draft.origin === "local") {
    if (author.domain !== null) return fail("forbidden", "Only local accounts post locally");
    const problem = localTextProblem({ text: draft.text, spoilerText: draft.spoilerText, hasMedia: !!draft.mediaIds?.length, hasPoll: !!draft.poll });
    if (problem) return fail("validation", problem);
  } else if (author.domain === null || !draft.uri) {
    return fail("forbidden", "A remote status needs a remote author and a URI");
  }
  if (!draft.inReplyToId) return ok(null);
  const parent = await findStatusById(deps.db, draft.inReplyToId);
  // A parent the author may not see does not exist for them (404, never 403).
  if (!parent || !(await mayViewStatus(deps.db, parent, author.id))) {
    return draft.origin === "local" ? fail("not-found", "Record not found") : ok(null);
  }
  return ok(parent);
}

/**
 * Validates and stores a status with its mentions, tags, media and counters, runs the automatic
 * rules on it, then delivers it (timelines, notifications, events) unless a rule held it for review.
 */
export async function createStatus(deps: ServiceDeps, draft: StatusDraft): Promise<Result<StatusRow>> {
  const author = await findAccountById(deps.db, draft.accountId);
  if (!author || author.deleted_at !== null) return fail("not-found", "Account not found");
  const checked = await validate(deps, draft, author);
  if (!checked.ok) return checked;
  const parent = checked.value;
  if (draft.uri && (await findStatusByUri(deps.db, draft.uri))) return fail("conflict", "Status already exists");

  const now = Date.now();
  const createdAt = draft.origin === "local" ? now : Math.min(draft.createdAt ?? now, now);
  const id = draft.origin === "local" ? deps.ids.next() : deps.ids.at(createdAt);
  const uri = draft.uri ?? deps.uris.status(author.username, id);
  const url = draft.origin === "local" ? deps.uris.statusUrl(author.username, id) : (draft.url ?? null);
  // Before anyone sees it: a rejected local post is a 422, a rejected remote one is dropped.
  const verdict = await runRules(deps, () => statusSubject(deps, draft, author), { uri, accountId: author.id });
  if (verdict.reject) {
    return draft.origin === "local" ? fail("validation", REJECTED_POST) : fail("forbidden", "Refused by an automatic rule");
  }

  return refusingLostClaims(() => writeTransaction(deps, async (tx, emit) => {
    // First in the transaction, so a concurrent post with the same key waits here, then fails.
    if (draft.idempotencyKey && !(await claimIdempotencyKey(tx, author.id, draft.idempotencyKey, now))) {
      return fail("conflict", "A status with this Idempotency-Key is being posted");
    }
    await insertStatus(tx, {
      id,
      uri,
      url,
      account_id: author.id,
      local: draft.origin === "local" ? 1 : 0,
      in_reply_to_id: parent?.id ?? null,
      in_reply_to_uri: parent?.uri ?? draft.inReplyToUri ?? null,
      in_reply_to_account_id: parent?.account_id ?? null,
      reblog_of_id: null,
      object_type: draft.objectType ?? "Note",
      content: draft.content,
      text: draft.text ?? null,
      name: draft.name ?? null,
      spoiler_text: draft.spoilerText ?? "",
      sensitive: draft.sensitive || verdict.sensitive || (draft.spoilerText ?? "") !== "" ? 1 : 0,
      visibility: draft.visibility,
      language: draft.language ?? null,
      emojis: JSON.stringify(draft.emojis ?? []),
      poll: JSON.stringify(draft.poll ?? null),
      replies_count: 0,
      reblogs_count: 0,
      favourites_count: 0,
      created_at: createdAt,
      edited_at: draft.editedAt ?? null,
      updated_at: now,
      thread_id: parent ? (parent.thread_id ?? parent.id) : id,
      application_id: draft.origin === "local" ? (draft.applicationId ?? null) : null,
    });
    if (draft.idempotencyKey) await settleIdempotencyKey(tx, author.id, draft.idempotencyKey, { statusId: id });
    // A local poll's end is handled when it comes (notifications, the final count).
    if (draft.origin === "local" && draft.poll?.expiresAt) await upsertPollDeadline(tx, id, draft.poll.expiresAt);
    await writeStatusParts(deps, tx, id, draft);
    await adjustAccountCounter(tx, author.id, "statuses_count", 1);
    await updateAccount(tx, author.id, { last_status_at: createdAt });
    if (parent) await adjustStatusCounter(tx, parent.id, "replies_count", 1);

    const status = (await findStatusById(tx, id))!;
    await enforceStatusVerdict(deps, tx, emit, status, verdict, false);
    if (verdict.hold) return ok((await findStatusById(tx, id))!);
    await publishStatus(deps, tx, emit, { status, author, mentionAccountIds: draft.mentionAccountIds ?? [], federate: draft.origin === "local" });
    return ok(status);
  }));
}
