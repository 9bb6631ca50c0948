// `moderation account <acct> <action> [--reason R]` and `moderation status
// <id> delete|sensitive [--reason R]`: the operator's moderation actions,
// through the same services as the admin API, audited as the CLI's.
import { parseArgs } from "node:util";
import { findAccountByAcct } from "../../db/queries/account-search.ts";
import type { Result } from "../domain/result.ts";
import type { ParleyApp } from "../app.ts";
import { CLI_MODERATOR } from "../services/moderation/audit.ts";
import { UsageError } from "./usage.ts";

const ACTIONS = { warn: "none", sensitive: "sensitive", silence: "silence", suspend: "suspend", disable: "disable" } as const;
const REVERSALS = { unsuspend: "unsuspend", unsilence: "unsilence", unsensitive: "unsensitive", enable: "enable", "delete-data": "delete_data" } as const;
const ACCOUNT_VERBS = [...Object.keys(ACTIONS), ...Object.keys(REVERSALS)];

function parse(args: string[]): { positionals: string[]; reason: string | undefined } {
  try {
    const { positionals, values } = parseArgs({ args, allowPositionals: true, options: { reason: { type: "string" } } });
    return { positionals, reason: values.reason };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function report(done: Result<unknown>, what: string): number {
  if (!done.ok) {
    console.error(`Could not ${what}: ${done.message}`);
    return 1;
  }
  console.log(`Done: ${what}`);
  return 0;
}

async function accountCommand(app: ParleyApp, [acct, verb, ...extra]: string[], reason: string | undefined): Promise<number> {
  if (!acct || !verb || extra.length || !ACCOUNT_VERBS.includes(verb)) throw new UsageError(`moderation account needs <acct> and one of ${ACCOUNT_VERBS.join(", ")}`);
  const [username, domain] = acct.replace(/^@/, "").split("@");
  const local = !domain || domain.toLowerCase() === app.config.publicUrl.host.toLowerCase();
  const account = await findAccountByAcct(app.database.db, username!, local ? null : domain!);
  if (!account) {
    console.error(`No account ${acct}`);
    return 1;
  }
  const services = app.services;
  const done = verb in ACTIONS
    ? await services.actOnAccount(CLI_MODERATOR, { accountId: account.id, type: ACTIONS[verb as keyof typeof ACTIONS], text: reason })
    : await services.reverseAccountAction(CLI_MODERATOR, { accountId: account.id, change: REVERSALS[verb as keyof typeof REVERSALS], reason });
  return report(done, `${verb} ${acct}`);
}

/** Runs a moderation subcommand; returns the process exit code. */
export async function runModerationCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [kind, ...rest] = args;
  const { positionals, reason } = parse(rest);
  if (kind === "account") return accountCommand(app, positionals, reason);
  if (kind !== "status") throw new UsageError(`unknown moderation command: ${kind ?? "(none)"}`);
  const [id, action, ...extra] = positionals;
  if (!id || (action !== "delete" && action !== "sensitive") || extra.length) throw new UsageError("moderation status needs <id> and delete or sensitive");
  return report(await app.services.moderateStatus(CLI_MODERATOR, { statusId: id, action, reason }), `${action} status ${id}`);
}
