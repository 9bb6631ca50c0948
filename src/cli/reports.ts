// `reports list [--resolved] | show <id> | assign <id> <username> | resolve <id> [--note T] | reopen <id>`:
// the operator works the report queue; every change is audited as "cli".
import { parseArgs } from "node:util";
import { findAccountById, findLocalAccountByUsername } from "../../db/queries/accounts.ts";
import { findReportById, listReportNotes, pageReports, type ReportRow } from "../../db/queries/reports.ts";
import { acctOf } from "../entities/account.ts";
import type { ParleyApp } from "../app.ts";
import { CLI_MODERATOR } from "../services/moderation/audit.ts";
import { report as done } from "./domain-blocks.ts";
import { UsageError } from "./usage.ts";

async function line(app: ParleyApp, report: ReportRow): Promise<string> {
  const [filer, target] = await Promise.all([findAccountById(app.database.db, report.account_id), findAccountById(app.database.db, report.target_account_id)]);
  const age = Math.floor(((report.action_taken_at ?? Date.now()) - report.created_at) / 60_000);
  const state = report.action_taken_at === null ? "open" : `resolved:${report.action_taken}`;
  return [report.id, state, `${age}m`, report.category, filer ? acctOf(filer) : "?", "->", target ? acctOf(target) : "?", JSON.stringify(report.comment)].join("\t");
}

/** Runs a reports subcommand; returns the process exit code. */
export async function runReportsCommand(app: ParleyApp, args: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, options: { note: { type: "string" }, resolved: { type: "boolean", default: false } } });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const [sub, id, username] = parsed.positionals;
  const { db } = app.database;
  const services = app.services;
  if (sub === "list") {
    const rows = await pageReports(db, { resolved: parsed.values.resolved }, { lower: null, upper: null, ascending: false, limit: 200 });
    for (const row of rows) console.log(await line(app, row));
    return 0;
  }
  if (!id) throw new UsageError(`reports ${sub ?? ""} needs a report id`);
  if (sub === "show") {
    const report = await findReportById(db, id);
    if (!report) return done({ ok: false, message: `No report ${id}` }, "");
    console.log(await line(app, report));
    for (const note of await listReportNotes(db, id)) console.log(`  note\t${note.author_name}\t${note.content}`);
    return 0;
  }
  if (sub === "assign") {
    const assignee = username ? await findLocalAccountByUsername(db, username) : undefined;
    if (!assignee) return done({ ok: false, message: `No local account named ${username ?? ""}` }, "");
    return done(await services.assignReport(CLI_MODERATOR, id, assignee.id), `Report ${id} assigned to ${assignee.username}`);
  }
  if (sub === "resolve") {
    if (parsed.values.note) {
      const noted = await services.addReportNote(CLI_MODERATOR, id, parsed.values.note);
      if (!noted.ok) return done(noted, "");
    }
    return done(await services.resolveReport(CLI_MODERATOR, id), `Report ${id} resolved`);
  }
  if (sub === "reopen") return done(await services.reopenReport(CLI_MODERATOR, id), `Report ${id} reopened`);
  throw new UsageError(`unknown reports subcommand: ${sub ?? ""}`);
}
