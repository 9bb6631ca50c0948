// What the instance says about itself (Mastodon's Instance entities and the
// about pages): the operator's settings over defaults, the rules, the
// contact account and the usage figures.
import { findAccountByAcct } from "../../../db/queries/account-search.ts";
import type { AccountRow } from "../../../db/queries/accounts.ts";
import { findFirstStaffMember, listRules, readInstanceSettings, type RuleRow, type StoredSetting } from "../../../db/queries/instance-settings.ts";
import { countActiveLocalUsers } from "../../../db/queries/instance-stats.ts";
import type { ServiceDeps } from "../context.ts";

const MONTH_MS = 30 * 86_400_000;

/** A long text of the about pages, with when it last changed. */
export interface InstanceText {
  content: string;
  updatedAt: number;
}

export interface InstanceInfo {
  title: string;
  description: string;
  contactEmail: string;
  contactAccount: AccountRow | null;
  extendedDescription: InstanceText;
  privacyPolicy: InstanceText;
  /** null when the operator published none (then the API answers 404). */
  termsOfService: InstanceText | null;
  registrationsMessage: string | null;
  thumbnailUrl: string;
  /** Where the source code of this server is offered (AGPL); the instance itself by default. */
  sourceUrl: string;
  languages: string[];
  rules: RuleRow[];
  activeMonth: number;
}

function defaultPrivacyPolicy(host: string): string {
  return `<p>${host} stores what you post and the account data you give it, and shares your posts with the servers of your followers and of the people you mention, as the visibility you choose allows. Direct and followers-only posts are visible to the operators of the servers that receive them.</p>`;
}

/** Gathers the instance's description in a fixed number of queries. */
export async function loadInstanceInfo(deps: ServiceDeps): Promise<InstanceInfo> {
  const now = Date.now();
  const [settings, rules, activeMonth, staff] = await Promise.all([
    readInstanceSettings(deps.db),
    listRules(deps.db),
    countActiveLocalUsers(deps.db, now - MONTH_MS),
    findFirstStaffMember(deps.db),
  ]);
  const text = (key: string): StoredSetting | undefined => settings.get(key);
  const contactName = text("contact_username")?.value;
  const named = contactName ? await findAccountByAcct(deps.db, contactName, null) : undefined;
  const terms = text("terms_of_service");
  return {
    title: text("title")?.value ?? "Parley",
    description: text("description")?.value ?? "",
    // Without settings, the oldest owner or admin is the contact (Mastodon asks for one at setup).
    contactEmail: text("contact_email")?.value ?? staff?.email ?? "",
    contactAccount: named ?? staff?.account ?? null,
    extendedDescription: { content: text("extended_description")?.value ?? "", updatedAt: text("extended_description")?.updatedAt ?? 0 },
    privacyPolicy: { content: text("privacy_policy")?.value ?? defaultPrivacyPolicy(deps.uris.host), updatedAt: text("privacy_policy")?.updatedAt ?? 0 },
    termsOfService: terms ? { content: terms.value, updatedAt: terms.updatedAt } : null,
    registrationsMessage: text("registrations_message")?.value ?? null,
    thumbnailUrl: text("thumbnail_url")?.value ?? `${deps.uris.origin}/headers/original/missing.png`,
    sourceUrl: text("source_url")?.value ?? `${deps.uris.origin}/`,
    languages: (text("languages")?.value ?? "en").split(","),
    rules,
    activeMonth,
  };
}
