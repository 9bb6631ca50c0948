// Domain allows (Mastodon's admin domain allows), audited: in allowlist mode
// the only domains Parley federates with; in either mode an exception that
// no blocklist subscription overrides. Also the federation settings.
import { deleteDomainAllow, type DomainAllowRow, findDomainAllowById, upsertDomainAllow } from "../../../db/queries/domain-blocks.ts";
import { writeInstanceSetting } from "../../../db/queries/instance-settings.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { can } from "../../domain/roles.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "./audit.ts";
import { blockableDomain } from "./domain-blocks.ts";
import { FEDERATION_SETTINGS, type FederationSettingKey } from "./federation-policy.ts";

/** Allows a domain; allowing it again answers the existing allow (as Mastodon does). */
export async function createDomainAllow(deps: ServiceDeps, moderator: Moderator, input: { domain: string }): Promise<Result<DomainAllowRow>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  const domain = blockableDomain(deps, input.domain);
  if (!domain.ok) return domain;
  return writeTransaction(deps, async (tx) => {
    const { row, created } = await upsertDomainAllow(tx, { id: deps.ids.next(), domain: domain.value, created_at: Date.now() });
    if (created) await recordAudit(deps, tx, moderator, { action: "domain_allow.create", targetType: "domain_allow", targetId: row.id, data: { domain: row.domain } });
    return ok(row);
  });
}

/** Removes an allow (in allowlist mode the domain is refused from then on). */
export async function removeDomainAllow(deps: ServiceDeps, moderator: Moderator, id: Id): Promise<Result<DomainAllowRow>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  const row = await findDomainAllowById(deps.db, id);
  if (!row) return fail("not-found", "Record not found");
  await writeTransaction(deps, async (tx) => {
    await deleteDomainAllow(tx, id);
    await recordAudit(deps, tx, moderator, { action: "domain_allow.remove", targetType: "domain_allow", targetId: id, data: { domain: row.domain } });
  });
  return ok(row);
}

/** Sets a federation setting (allowlist mode, who sees the public list of blocks). */
export async function setFederationSetting(deps: ServiceDeps, moderator: Moderator, key: string, value: string): Promise<Result<string>> {
  if (!can(moderator.role, "manage_federation")) return fail("forbidden", "This action is not allowed");
  if (!Object.hasOwn(FEDERATION_SETTINGS, key)) return fail("validation", `Unknown setting ${key}; one of ${Object.keys(FEDERATION_SETTINGS).join(", ")}`);
  const values: readonly string[] = FEDERATION_SETTINGS[key as FederationSettingKey];
  if (!values.includes(value)) return fail("validation", `${key} is one of ${values.join(", ")}`);
  await writeTransaction(deps, async (tx) => {
    await writeInstanceSetting(tx, key, value, Date.now());
    await recordAudit(deps, tx, moderator, { action: "federation.setting", targetType: "instance_setting", targetId: key, data: { value } });
  });
  return ok(value);
}
