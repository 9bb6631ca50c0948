// The text of a local post or edit rendered to HTML: mentions resolved (remote
// ones through the injected resolver, which federation provides), hashtags
// and links marked up. Unknown handles stay plain text, as in Mastodon.
import { type AccountRow, findLocalAccountByUsername } from "../../../db/queries/accounts.ts";
import { extractMentionHandles, type MentionTarget, type RenderedText, renderStatusText } from "../../domain/status-text.ts";
import type { ServiceDeps } from "../context.ts";

/** Looks up a remote handle (user@host); federation supplies it. */
export type HandleResolver = (handle: string) => Promise<AccountRow | null>;

const MAX_MENTIONS = 50;

/** Resolves the text's mentions and renders it. */
export async function renderLocalText(deps: ServiceDeps, text: string, resolveRemote: HandleResolver): Promise<RenderedText> {
  const mentions = new Map<string, MentionTarget>();
  const localHost = deps.uris.host.toLowerCase();
  for (const handle of extractMentionHandles(text).slice(0, MAX_MENTIONS)) {
    const [username, host] = handle.split("@") as [string, string | undefined];
    const account = !host || host === localHost ? await findLocalAccountByUsername(deps.db, username) : await resolveRemote(handle);
    if (account && account.deleted_at === null) {
      mentions.set(handle, { id: account.id, username: account.username, url: account.url ?? account.uri });
    }
  }
  return renderStatusText(text, mentions, (name) => `${deps.uris.origin}/tags/${encodeURIComponent(name.toLowerCase())}`);
}
