// Operator commands for who may sign up: `invites`, `email-domain-blocks`,
// `canonical-email-blocks` and `ip-blocks`, through the same services as the
// admin API (audited as the CLI).
import { parseArgs } from "node:util";
import { pageInvites, pageSignUpBlocks, type SignUpBlockTable } from "../../db/queries/sign-up-controls.ts";
import type { ParleyApp } from "../app.ts";
import type { Result } from "../domain/result.ts";
import { serializeInvite } from "../entities/sign-up-controls.ts";
import { createInvite, revokeInvite } from "../services/accounts/invites.ts";
import { CLI_MODERATOR } from "../services/moderation/audit.ts";
import { addCanonicalEmailBlock, addEmailDomainBlock, addIpBlock, removeSignUpBlock } from "../services/moderation/sign-up-blocks.ts";
import { UsageError } from "./usage.ts";

const ALL = { lower: null, upper: null, ascending: false, limit: 10_000 };

function options(args: string[], names: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: Object.fromEntries(names.map((n) => [n, { type: "string" as const }])) });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function seconds(value: string | undefined, name: string): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0) throw new UsageError(`${name} must be a positive whole number`);
  return n;
}

// Prints the outcome of a change; 0 when it succeeded.
function report(result: Result<unknown>, done: string): number {
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(done);
  return 0;
}

/** `invites list | create [--max-uses N] [--expires-in S] [--comment T] | revoke <id or code>`. */
export async function runInvitesCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  const { positionals, values } = options(rest, ["max-uses", "expires-in", "comment"]);
  const origin = app.config.publicUrl.origin;
  if (sub === "list") {
    for (const row of await pageInvites(app.database.db, ALL)) {
      const invite = serializeInvite(row, origin);
      console.log([invite.id, invite.url, `${invite.uses}/${invite.max_uses ?? "∞"}`, invite.expires_at ?? "never", invite.revoked ? "revoked" : "active"].join("\t"));
    }
    return 0;
  }
  if (sub === "create" && positionals.length === 0) {
    const created = await createInvite(app.services.deps, CLI_MODERATOR, {
      maxUses: seconds(values["max-uses"], "--max-uses"), expiresIn: seconds(values["expires-in"], "--expires-in"), comment: values.comment ?? null,
    });
    return report(created, created.ok ? `${origin}/auth/sign_up?invite=${created.value.code}` : "");
  }
  if (sub === "revoke" && positionals.length === 1) return report(await revokeInvite(app.services.deps, CLI_MODERATOR, positionals[0]!), "Revoked.");
  throw new UsageError("invites needs list, create [--max-uses N] [--expires-in SECONDS] [--comment TEXT] or revoke <id or code>");
}

// list | add ... | remove <id> for one kind of sign-up block.
async function runBlocksCommand(app: ParleyApp, args: string[], table: SignUpBlockTable, add: (positional: string, values: Record<string, string | undefined>) => Promise<Result<string>>): Promise<number> {
  const [sub, ...rest] = args;
  const { positionals, values } = options(rest, ["severity", "comment", "expires-in"]);
  if (sub === "list" && positionals.length === 0) {
    for (const row of await pageSignUpBlocks(app.database.db, table, ALL)) console.log(Object.values(row).join("\t"));
    return 0;
  }
  if (sub === "add" && positionals.length === 1) {
    const added = await add(positionals[0]!, values);
    return report(added, added.ok ? `Added (id ${added.value}).` : "");
  }
  if (sub === "remove" && positionals.length === 1) return report(await removeSignUpBlock(app.services.deps, CLI_MODERATOR, table, positionals[0]!), "Removed.");
  throw new UsageError(`${table.replaceAll("_", "-")} needs list, add <value> or remove <id>`);
}

/** `email-domain-blocks list | add <domain> | remove <id>`. */
export function runEmailDomainBlocksCommand(app: ParleyApp, args: string[]): Promise<number> {
  return runBlocksCommand(app, args, "email_domain_blocks", (domain) => addEmailDomainBlock(app.services.deps, CLI_MODERATOR, domain));
}

/** `canonical-email-blocks list | add <email> | remove <id>`. */
export function runCanonicalEmailBlocksCommand(app: ParleyApp, args: string[]): Promise<number> {
  return runBlocksCommand(app, args, "canonical_email_blocks", (email) => addCanonicalEmailBlock(app.services.deps, CLI_MODERATOR, { email }));
}

/** `ip-blocks list | add <ip or range> --severity S [--comment T] [--expires-in S] | remove <id>`. */
export function runIpBlocksCommand(app: ParleyApp, args: string[]): Promise<number> {
  return runBlocksCommand(app, args, "ip_blocks", (ip, values) =>
    addIpBlock(app.services.deps, CLI_MODERATOR, { ip, severity: values.severity, comment: values.comment, expiresIn: seconds(values["expires-in"], "--expires-in") }));
}
