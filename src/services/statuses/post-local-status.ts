// A local post from text: mentions resolved (remote ones through the injected
// resolver, which federation provides), text rendered, then createStatus.
import { type AccountRow, findAccountById, findLocalAccountByUsername } from "../../../db/queries/accounts.ts";
import type { Id, Visibility } from "../../../db/schema/index.ts";
import { fail, type Result } from "../../domain/result.ts";
import { extractMentionHandles, type MentionTarget, renderStatusText } from "../../domain/status-text.ts";
import type { ServiceDeps } from "../context.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import { createStatus } from "./create-status.ts";

export interface LocalPost {
  accountId: Id;
  text: string;
  visibility: Visibility;
  spoilerText?: string;
  sensitive?: boolean;
  language?: string | null;
  inReplyToId?: Id | null;
}

/** Looks up a remote handle (user@host); federation supplies it. */
export type HandleResolver = (handle: string) => Promise<AccountRow | null>;

const MAX_MENTIONS = 50;

/** Renders and creates a local post; unknown handles stay plain text, as in Mastodon. */
export async function postLocalStatus(deps: ServiceDeps, post: LocalPost, resolveRemote: HandleResolver): Promise<Result<StatusRow>> {
  const author = await findAccountById(deps.db, post.accountId);
  if (!author || author.domain !== null) return fail("not-found", "Account not found");
  const handles = extractMentionHandles(post.text).slice(0, MAX_MENTIONS);
  const mentions = new Map<string, MentionTarget>();
  const localHost = deps.uris.host.toLowerCase();
  for (const handle of handles) {
    const [username, host] = handle.split("@") as [string, string | undefined];
    const account = !host || host === localHost ? await findLocalAccountByUsername(deps.db, username) : await resolveRemote(handle);
    if (account && account.deleted_at === null) {
      mentions.set(handle, { id: account.id, username: account.username, url: account.url ?? account.uri });
    }
  }
  const rendered = renderStatusText(post.text, mentions, (name) => `${deps.uris.origin}/tags/${encodeURIComponent(name.toLowerCase())}`);
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
  });
}
