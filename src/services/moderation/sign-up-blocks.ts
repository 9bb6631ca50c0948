// The operator's sign-up blocks (email domains, canonical addresses, IP
// ranges), as the Mastodon admin API and the CLI change them. Every change is
// audited in its own transaction.
import {
  deleteSignUpBlock,
  findCanonicalEmailBlock,
  findEmailDomainBlockByDomain,
  findIpBlockByIp,
  findSignUpBlock,
  insertCanonicalEmailBlock,
  insertEmailDomainBlock,
  insertIpBlock,
  type IpBlockRow,
  type SignUpBlockTable,
  updateIpBlock,
} from "../../../db/queries/sign-up-controls.ts";
import type { Id } from "../../../db/schema/index.ts";
import type { IpBlockSeverity } from "../../../db/schema/sign-up-controls.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { canonicalEmailHash, parseIpRange } from "../../domain/sign-up-checks.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "./audit.ts";

const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/;
export const IP_BLOCK_SEVERITIES: readonly IpBlockSeverity[] = ["sign_up_requires_approval", "sign_up_block", "no_access"];

const TARGET: Record<SignUpBlockTable, string> = {
  email_domain_blocks: "email_domain_block",
  canonical_email_blocks: "canonical_email_block",
  ip_blocks: "ip_block",
};

/** Blocks sign-ups with addresses at `domain` and its subdomains. */
export async function addEmailDomainBlock(deps: ServiceDeps, moderator: Moderator, rawDomain: string): Promise<Result<Id>> {
  const domain = rawDomain.trim().toLowerCase().replace(/^@/, "");
  if (!DOMAIN.test(domain)) return fail("validation", "Validation failed: Domain is not a valid domain name");
  if (await findEmailDomainBlockByDomain(deps.db, domain)) return fail("validation", "Validation failed: Domain has already been taken");
  const id = deps.ids.next();
  await writeTransaction(deps, async (tx) => {
    await insertEmailDomainBlock(tx, { id, domain, created_at: Date.now() });
    await recordAudit(deps, tx, moderator, { action: "email_domain_block.create", targetType: "email_domain_block", targetId: id, data: { domain } });
  });
  return ok(id);
}

/** Blocks one person's address however spelled; given the address or its canonical hash (the address is not kept). */
export async function addCanonicalEmailBlock(deps: ServiceDeps, moderator: Moderator, given: { email?: string; hash?: string }): Promise<Result<Id>> {
  const hash = given.email ? canonicalEmailHash(given.email.trim()) : given.hash?.trim().toLowerCase();
  if (!hash || !/^[0-9a-f]{64}$/.test(hash)) return fail("validation", "Validation failed: an email or a canonical_email_hash (SHA-256 hex) is required");
  if (await findCanonicalEmailBlock(deps.db, hash)) return fail("validation", "Validation failed: Canonical email hash has already been taken");
  const id = deps.ids.next();
  await writeTransaction(deps, async (tx) => {
    await insertCanonicalEmailBlock(tx, { id, canonical_email_hash: hash, reference_account_id: null, created_at: Date.now() });
    await recordAudit(deps, tx, moderator, { action: "canonical_email_block.create", targetType: "canonical_email_block", targetId: id, data: { hash } });
  });
  return ok(id);
}

export interface IpBlockInput {
  ip?: string;
  severity?: string;
  comment?: string;
  /** Seconds from now; null removes an expiry. */
  expiresIn?: number | null;
}

function ipBlockChanges(input: IpBlockInput, now: number): Result<Partial<Pick<IpBlockRow, "ip" | "severity" | "comment" | "expires_at">>> {
  const changes: Partial<Pick<IpBlockRow, "ip" | "severity" | "comment" | "expires_at">> = {};
  if (input.ip !== undefined) {
    const range = parseIpRange(input.ip);
    if (!range) return fail("validation", "Validation failed: Ip is invalid");
    changes.ip = range.text;
  }
  if (input.severity !== undefined) {
    const severity = IP_BLOCK_SEVERITIES.find((s) => s === input.severity);
    if (!severity) return fail("validation", `Validation failed: Severity must be one of ${IP_BLOCK_SEVERITIES.join(", ")}`);
    changes.severity = severity;
  }
  if (input.comment !== undefined) changes.comment = input.comment.slice(0, 1_000);
  if (input.expiresIn !== undefined) {
    if (input.expiresIn !== null && (!Number.isInteger(input.expiresIn) || input.expiresIn <= 0)) return fail("validation", "Validation failed: expires_in must be a positive number of seconds");
    changes.expires_at = input.expiresIn === null ? null : now + input.expiresIn * 1000;
  }
  return ok(changes);
}

/** Blocks an IP address or range: sign-ups need approval, are refused, or every request is. */
export async function addIpBlock(deps: ServiceDeps, moderator: Moderator, input: IpBlockInput): Promise<Result<Id>> {
  if (input.ip === undefined || input.severity === undefined) return fail("validation", "Validation failed: ip and severity are required");
  const now = Date.now();
  const changes = ipBlockChanges(input, now);
  if (!changes.ok) return changes;
  const { ip, severity } = changes.value as Required<typeof changes.value>;
  const id = deps.ids.next();
  if (await findIpBlockByIp(deps.db, ip)) return fail("validation", "Validation failed: Ip has already been taken");
  await writeTransaction(deps, async (tx, emit) => {
    emit({ type: "ip_blocks.changed" });
    await insertIpBlock(tx, { id, ip, severity, comment: changes.value.comment ?? "", expires_at: changes.value.expires_at ?? null, created_at: now });
    await recordAudit(deps, tx, moderator, { action: "ip_block.create", targetType: "ip_block", targetId: id, data: { ip, severity } });
  });
  return ok(id);
}

/** Changes an IP block's range, severity, comment or expiry. */
export async function changeIpBlock(deps: ServiceDeps, moderator: Moderator, id: Id, input: IpBlockInput): Promise<Result<Id>> {
  if (!(await findSignUpBlock(deps.db, "ip_blocks", id))) return fail("not-found", "Record not found");
  const changes = ipBlockChanges(input, Date.now());
  if (!changes.ok) return changes;
  await writeTransaction(deps, async (tx, emit) => {
    emit({ type: "ip_blocks.changed" });
    await updateIpBlock(tx, id, changes.value);
    await recordAudit(deps, tx, moderator, { action: "ip_block.update", targetType: "ip_block", targetId: id, data: changes.value });
  });
  return ok(id);
}

/** Lifts one sign-up block. */
export async function removeSignUpBlock(deps: ServiceDeps, moderator: Moderator, table: SignUpBlockTable, id: Id): Promise<Result<null>> {
  const removed = await writeTransaction(deps, async (tx, emit) => {
    const block = await findSignUpBlock(tx, table, id);
    if (!block || !(await deleteSignUpBlock(tx, table, id))) return false;
    if (table === "ip_blocks") emit({ type: "ip_blocks.changed" });
    await recordAudit(deps, tx, moderator, { action: `${TARGET[table]}.remove`, targetType: TARGET[table], targetId: id, data: { ...block } });
    return true;
  });
  return removed ? ok(null) : fail("not-found", "Record not found");
}
