// `accounts create`, `accounts list` and `accounts role`: operator commands on local accounts,
// through the same services as the API.
import { parseArgs } from "node:util";
import { listLocalAccounts } from "../../db/queries/accounts.ts";
import type { ParleyApp } from "../app.ts";
import { parseRole } from "../domain/roles.ts";
import { CLI_MODERATOR } from "../services/moderation/audit.ts";
import { UsageError } from "./usage.ts";

/** Runs an accounts subcommand; returns the process exit code. */
export async function runAccountsCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  if (sub === "list") {
    if (rest.length) throw new UsageError(`unexpected arguments: ${rest.join(" ")}`);
    for (const row of await listLocalAccounts(app.database.db)) {
      const state = row.deleted_at === null ? row.role : "deleted";
      console.log(`@${row.username}@${app.config.publicUrl.host}\t${row.email}\t${state}\t${row.uri}`);
    }
    return 0;
  }
  if (sub === "role") return changeRoleCommand(app, rest);
  if (sub !== "create") throw new UsageError(`unknown accounts command: ${sub ?? "(none)"}`);
  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      options: { email: { type: "string" }, password: { type: "string" }, admin: { type: "boolean", default: false } },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [username, ...extra] = parsed.positionals;
  const { email, password, admin } = parsed.values;
  if (!username || extra.length || !email || !password) throw new UsageError("accounts create needs <username> --email and --password");
  const created = await app.services.createLocalAccount({ username, email, password, role: admin ? "admin" : "user" });
  if (!created.ok) {
    console.error(`Could not create the account: ${created.message}`);
    return 1;
  }
  console.log(`Created @${username}@${app.config.publicUrl.host}`);
  console.log(`Actor: ${created.value.uri}`);
  return 0;
}

// `accounts role <username> <role>`: the operator names owners, admins and moderators.
async function changeRoleCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [username, name, ...extra] = args;
  const role = name === undefined ? undefined : parseRole(name);
  if (!username || !role || extra.length) throw new UsageError("accounts role needs <username> and one of owner, admin, moderator, user");
  const changed = await app.services.changeRole(CLI_MODERATOR, username.replace(/^@/, ""), role);
  if (!changed.ok) {
    console.error(`Could not change the role: ${changed.message}`);
    return 1;
  }
  console.log(`@${username.replace(/^@/, "")}: ${changed.value.from} -> ${changed.value.to}`);
  return 0;
}
