// Grouped notifications as Mastodon's GroupedNotificationsResults, with its
// NotificationGroup and PartialAccountWithAvatar parts.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { NotificationGroupRow } from "../../db/queries/notification-groups.ts";
import type { RelatedPage } from "../../db/queries/related-page.ts";
import type { StatusPage } from "../../db/queries/status-page.ts";
import type { Id } from "../../db/schema/index.ts";
import { acctOf, type AccountEntity, serializeAccount } from "./account.ts";
import { serializeAccountWarning } from "./account-warning.ts";
import { defaultImage, type EntityContext, isoTime } from "./context.ts";
import { reportIdOfGroupKey } from "../domain/report-notifications.ts";
import { serializeReport } from "./report.ts";
import { type StatusEntity, serializeStatus } from "./status.ts";

// Mastodon shows up to 8 of the latest senders of a group.
const SAMPLE_SIZE = 8;

// JSON.rawJSON (Node 22+) writes a 64-bit id as an exact JSON integer; the
// contract types most_recent_notification_id as an integer (Mastodon's docs too).
const rawJson = (JSON as unknown as { rawJSON(text: string): unknown }).rawJSON;

export interface GroupedResultsInput {
  groups: readonly NotificationGroupRow[];
  /** Senders of each group, newest first. */
  senders: Map<string, Id[]>;
  accounts: Map<Id, AccountRow>;
  statuses: StatusPage;
  /** The reports of admin.report groups, by id. */
  reports: RelatedPage["reports"];
  /** The warnings of moderation_warning groups, by id. */
  warnings: RelatedPage["warnings"];
  /** expand_accounts=partial_avatars: only the newest sender of each group in full. */
  partialAvatars: boolean;
}

function serializePartialAccount(ctx: EntityContext, account: AccountRow) {
  const avatar = account.avatar_url ?? defaultImage(ctx, "avatar");
  return {
    id: account.id,
    acct: acctOf(account),
    locked: account.locked === 1,
    bot: account.bot === 1,
    url: account.domain === null ? ctx.uris.profileUrl(account.username) : (account.url ?? account.uri),
    avatar,
    avatar_static: avatar,
    avatar_description: "",
  };
}

/** Serializes a page of groups with the accounts and statuses they refer to, each once. */
export function serializeGroupedResults(ctx: EntityContext, input: GroupedResultsInput) {
  const full = new Set<Id>();
  const partial = new Set<Id>();
  const statuses = new Map<Id, StatusEntity>();
  const groups = input.groups.flatMap((group) => {
    const sampleIds = (input.senders.get(group.group_key) ?? []).filter((id) => input.accounts.has(id)).slice(0, SAMPLE_SIZE);
    if (sampleIds.length === 0) return [];
    const statusRow = group.status_id ? input.statuses.statuses.get(group.status_id) : undefined;
    const status = statusRow ? serializeStatus(ctx, input.statuses, statusRow) : null;
    if (group.status_id && !status) return [];
    if (status) statuses.set(status.id, status);
    sampleIds.forEach((id, i) => (input.partialAvatars && i > 0 ? partial : full).add(id));
    const warning = group.account_warning_id ? input.warnings.get(group.account_warning_id) : undefined;
    const report = group.type === "admin.report" ? input.reports.get(reportIdOfGroupKey(group.group_key) ?? "") : undefined;
    return [{
      group_key: group.group_key,
      notifications_count: group.notifications_count,
      type: group.type,
      most_recent_notification_id: rawJson(group.most_recent_id),
      page_min_id: group.oldest_id,
      page_max_id: group.most_recent_id,
      latest_page_notification_at: isoTime(group.latest_at),
      sample_account_ids: sampleIds,
      ...(group.status_id ? { status_id: group.status_id } : {}),
      ...(report ? { report: serializeReport(ctx, report.report, report.target) } : {}),
      ...(warning ? { moderation_warning: serializeAccountWarning(ctx, warning, input.accounts.get(warning.account_id)!) } : {}),
    }];
  });
  const accounts: AccountEntity[] = [...full].map((id) => serializeAccount(ctx, input.accounts.get(id)!));
  return {
    accounts,
    statuses: [...statuses.values()],
    notification_groups: groups,
    ...(input.partialAvatars
      ? { partial_accounts: [...partial].filter((id) => !full.has(id)).map((id) => serializePartialAccount(ctx, input.accounts.get(id)!)) }
      : {}),
  };
}
