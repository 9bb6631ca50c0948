// `audit-log [--limit N] [--action A] [--target-id ID]`: the operator reads
// the moderation audit log, newest first, one line per action.
import { parseArgs } from "node:util";
import { pageAuditEntries } from "../../db/queries/audit-log.ts";
import type { ParleyApp } from "../app.ts";
import { UsageError } from "./usage.ts";

/** Prints the newest audit log entries; returns the process exit code. */
export async function runAuditLogCommand(app: ParleyApp, args: string[]): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({ args, options: { limit: { type: "string", default: "50" }, action: { type: "string" }, "target-id": { type: "string" } } }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 10_000) throw new UsageError("--limit must be a whole number from 1 to 10000");
  const rows = await pageAuditEntries(app.database.db, { action: values.action, targetId: values["target-id"] }, { lower: null, upper: null, ascending: false, limit });
  for (const row of rows) {
    const when = new Date(Number(row.created_at)).toISOString();
    console.log([when, row.actor_name, row.action, `${row.target_type}:${row.target_id}`, row.reason ?? "", row.data].join("\t"));
  }
  return 0;
}
