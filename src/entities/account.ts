// Accounts as Mastodon's Account and CredentialAccount entities.
import { serializeRole } from "./role.ts";
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { AccountField, Role } from "../../db/schema/index.ts";
import { htmlToPlainText } from "../domain/sanitize-html.ts";
import { type EntityContext, defaultImage, isoTime } from "./context.ts";
import { type CustomEmojiEntity, serializeEmojis } from "./custom-emoji.ts";

export interface AccountEntity {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  bot: boolean;
  discoverable: boolean;
  indexable: boolean;
  group: boolean;
  created_at: string;
  note: string;
  url: string;
  uri: string;
  avatar: string;
  avatar_static: string;
  header: string;
  header_static: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  last_status_at: string | null;
  hide_collections: boolean;
  noindex: boolean;
  emojis: CustomEmojiEntity[];
  roles: never[];
  fields: { name: string; value: string; verified_at: string | null }[];
  moved?: AccountEntity;
  /** Only when a moderator silenced the account: clients show it behind a warning. */
  limited?: boolean;
  /** Only when suspended (the admin API shows such accounts). */
  suspended?: boolean;
}

/** The acct of an account: username for local ones, username@domain for remote ones. */
export function acctOf(account: Pick<AccountRow, "username" | "domain">): string {
  return account.domain === null ? account.username : `${account.username}@${account.domain}`;
}

/** Serializes an account; `moved` is the account it moved to, when loaded. */
export function serializeAccount(ctx: EntityContext, account: AccountRow, moved?: AccountRow): AccountEntity {
  const fields = JSON.parse(account.fields) as AccountField[];
  const avatar = account.avatar_url ?? defaultImage(ctx, "avatar");
  const header = account.header_url ?? defaultImage(ctx, "header");
  // Mastodon gives the day of the last post, not the time.
  const lastStatus = account.last_status_at === null ? null : isoTime(account.last_status_at).slice(0, 10);
  return {
    id: account.id,
    username: account.username,
    acct: acctOf(account),
    display_name: account.display_name,
    locked: account.locked === 1,
    bot: account.bot === 1,
    discoverable: account.discoverable === 1,
    indexable: account.discoverable === 1,
    group: account.actor_type === "Group",
    created_at: isoTime(account.created_at),
    note: account.note,
    url: account.domain === null ? ctx.uris.profileUrl(account.username) : (account.url ?? account.uri),
    uri: account.uri,
    avatar,
    avatar_static: avatar,
    header,
    header_static: header,
    followers_count: account.followers_count,
    following_count: account.following_count,
    statuses_count: account.statuses_count,
    last_status_at: lastStatus,
    hide_collections: false,
    noindex: account.discoverable !== 1,
    emojis: serializeEmojis(account.emojis),
    roles: [],
    fields: fields.map((f) => ({ name: f.name, value: f.value, verified_at: f.verifiedAt === null ? null : isoTime(f.verifiedAt) })),
    ...(moved ? { moved: serializeAccount(ctx, moved) } : {}),
    ...(account.silenced_at !== null ? { limited: true } : {}),
    ...(account.suspended_at !== null ? { suspended: true } : {}),
  };
}

/** The signed-in user's own account, with source and role (verify_credentials). */
export function serializeCredentialAccount(
  ctx: EntityContext,
  account: AccountRow,
  extra: { role: Role; followRequestsCount: number; privacy: string; sensitive: boolean; language: string | null },
) {
  const fields = JSON.parse(account.fields) as AccountField[];
  return {
    ...serializeAccount(ctx, account),
    source: {
      privacy: extra.privacy,
      sensitive: extra.sensitive,
      language: extra.language,
      note: htmlToPlainText(account.note),
      fields: fields.map((f) => ({ name: f.name, value: htmlToPlainText(f.value), verified_at: null })),
      follow_requests_count: extra.followRequestsCount,
      discoverable: account.discoverable === 1,
      indexable: account.discoverable === 1,
      hide_collections: false,
      attribution_domains: [],
    },
    role: serializeRole(extra.role),
  };
}
