// A local post from text: rendered (mentions resolved), its poll checked,
// then createStatus, the one creation path.
import { findAccountById } from "../../../db/queries/accounts.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { Id, Visibility } from "../../../db/schema/index.ts";
import { fail, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { findMediaToAttach } from "../media/claim-media.ts";
import { buildLocalPoll, type PollInput } from "../polls/poll-rules.ts";
import { createStatus } from "./create-status.ts";
import { type HandleResolver, renderLocalText } from "./local-text.ts";

export interface LocalPost {
  accountId: Id;
  text: string;
  visibility: Visibility;
  spoilerText?: string;
  sensitive?: boolean;
  language?: string | null;
  inReplyToId?: Id | null;
  mediaIds?: Id[];
  poll?: PollInput | null;
  /** The OAuth application posting (shown as the status's application). */
  applicationId?: Id | null;
  /** A client's Idempotency-Key (or the scheduler's): the same key never posts twice. */
  idempotencyKey?: string | null;
}

/** Renders and creates a local post. */
export async function postLocalStatus(deps: ServiceDeps, post: LocalPost, resolveRemote: HandleResolver): Promise<Result<StatusRow>> {
  const author = await findAccountById(deps.db, post.accountId);
  if (!author || author.domain !== null) return fail("not-found", "Account not found");
  if (post.poll && post.mediaIds?.length) return fail("validation", "Cannot attach files to a status with a poll");
  const poll = post.poll ? buildLocalPoll(post.poll, Date.now()) : null;
  if (poll && !poll.ok) return poll;
  const media = await findMediaToAttach(deps.db, author.id, post.mediaIds ?? []);
  if (!media.ok) return media;
  const rendered = await renderLocalText(deps, post.text, resolveRemote);
  return createStatus(deps, {
    origin: "local",
    accountId: author.id,
    content: rendered.html,
    text: post.text,
    spoilerText: post.spoilerText ?? "",
    sensitive: post.sensitive ?? false,
    visibility: post.visibility,
    language: post.language ?? null,
    inReplyToId: post.inReplyToId ?? null,
    mentionAccountIds: rendered.mentionedIds,
    tagNames: rendered.tags,
    poll: poll?.value ?? null,
    mediaIds: media.value.map((m) => m.id),
    applicationId: post.applicationId ?? null,
    idempotencyKey: post.idempotencyKey ?? null,
  });
}
