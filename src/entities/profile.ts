// The signed-in user's editable profile as Mastodon's Profile entity (4.6):
// the raw text of bio and fields, and images only when set.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { AccountField } from "../../db/schema/index.ts";
import { htmlToPlainText } from "../domain/sanitize-html.ts";

/** Serializes a local account's profile; settings Parley does not keep yet have Mastodon's defaults. */
export function serializeProfile(account: AccountRow) {
  const fields = JSON.parse(account.fields) as AccountField[];
  return {
    id: account.id,
    display_name: account.display_name,
    note: htmlToPlainText(account.note),
    fields: fields.map((f) => ({ name: f.name, value: htmlToPlainText(f.value), verified_at: null })),
    avatar: account.avatar_url,
    avatar_static: account.avatar_url,
    avatar_description: "",
    header: account.header_url,
    header_static: account.header_url,
    header_description: "",
    locked: account.locked === 1,
    bot: account.bot === 1,
    discoverable: account.discoverable === 1,
    indexable: account.discoverable === 1,
    hide_collections: false,
    show_featured: true,
    show_media: true,
    show_media_replies: true,
    attribution_domains: [],
  };
}
