// `domain-blocks ...`: the operator's federation controls from the command
// line, through the same services as the admin API (audited as "cli"):
// instance-level domain blocks, CSV import and export in Mastodon's format,
// domain allows, federation settings and blocklist subscriptions.
import { readFile } from "node:fs/promises";
import { type ParseArgsConfig, parseArgs } from "node:util";
import { findDomainAllowsFor, findDomainBlockByDomain, listDomainAllows, listDomainBlocks } from "../../db/queries/domain-blocks.ts";
import type { ParleyApp } from "../app.ts";
import type { BlocklistPlan } from "../domain/blocklist-plan.ts";
import { CLI_MODERATOR } from "../services/moderation/audit.ts";
import type { DomainBlockChanges } from "../services/moderation/domain-blocks.ts";
import { normalizeDomain } from "../services/relationships/block-domain.ts";
import { runSubscriptionsCommand } from "./blocklist-subscriptions.ts";
import { UsageError } from "./usage.ts";

const SETTINGS_OPTIONS = {
  severity: { type: "string" },
  "reject-media": { type: "boolean" },
  "reject-reports": { type: "boolean" },
  "private-comment": { type: "string" },
  "public-comment": { type: "string" },
  obfuscate: { type: "boolean" },
} as const;

/** parseArgs, its errors as usage errors. */
export function parse<O extends NonNullable<ParseArgsConfig["options"]>>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true as const, strict: true as const });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Prints an outcome's message on failure; the exit code. */
export function report(outcome: { ok: true } | { ok: false; message: string }, success: string): number {
  if (!outcome.ok) {
    console.error(outcome.message);
    return 1;
  }
  console.log(success);
  return 0;
}

/** Prints what a blocklist changes (or would change). */
export function printPlan(plan: Pick<BlocklistPlan, "added" | "changed" | "removed"> & { skipped?: string[] }): void {
  for (const e of plan.added) console.log(`+ ${e.domain}\t${e.severity}`);
  for (const e of plan.changed) console.log(`~ ${e.domain}\t${e.severity}`);
  for (const d of plan.removed) console.log(`- ${d}`);
  for (const d of plan.skipped ?? []) console.log(`= ${d}\t(kept: allowed or blocked here)`);
  console.log(`${plan.added.length} added, ${plan.changed.length} changed, ${plan.removed.length} removed${plan.skipped ? `, ${plan.skipped.length} skipped` : ""}`);
}

async function listBlocks(app: ParleyApp): Promise<number> {
  for (const b of await listDomainBlocks(app.database.db)) {
    const flags = [b.reject_media ? "reject_media" : "", b.reject_reports ? "reject_reports" : "", b.obfuscate ? "obfuscate" : ""].filter(Boolean).join(",");
    console.log([b.domain, b.severity, flags || "-", b.subscription_id ? `subscription:${b.subscription_id}` : "local", b.public_comment ?? ""].join("\t"));
  }
  return 0;
}

async function addBlock(app: ParleyApp, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, SETTINGS_OPTIONS);
  const [domain, ...extra] = positionals;
  if (!domain || extra.length) throw new UsageError("domain-blocks add needs one <domain>");
  const severity = values.severity ?? "suspend";
  if (!["suspend", "silence", "noop"].includes(severity)) throw new UsageError("--severity is one of suspend, silence, noop");
  const settings: DomainBlockChanges = {
    severity: severity as DomainBlockChanges["severity"],
    reject_media: values["reject-media"],
    reject_reports: values["reject-reports"],
    private_comment: values["private-comment"],
    public_comment: values["public-comment"],
    obfuscate: values.obfuscate,
  };
  const existing = await findDomainBlockByDomain(app.database.db, normalizeDomain(domain) ?? "");
  const outcome = existing
    ? await app.services.updateDomainBlockSettings(CLI_MODERATOR, existing.id, settings)
    : await app.services.createDomainBlock(CLI_MODERATOR, { domain, ...settings });
  return report(outcome, outcome.ok ? `${existing ? "Changed" : "Blocked"} ${outcome.value.domain}: ${outcome.value.severity}` : "");
}

async function removeBlock(app: ParleyApp, args: string[]): Promise<number> {
  const [domain, ...extra] = args;
  if (!domain || extra.length) throw new UsageError("domain-blocks remove needs one <domain>");
  const block = await findDomainBlockByDomain(app.database.db, normalizeDomain(domain) ?? "");
  if (!block) return report({ ok: false, message: `No block of ${domain}` }, "");
  return report(await app.services.removeDomainBlock(CLI_MODERATOR, block.id), `Lifted the block of ${block.domain}`);
}

async function importBlocks(app: ParleyApp, args: string[]): Promise<number> {
  const { values, positionals } = parse(args, { "dry-run": { type: "boolean" } });
  const [file, ...extra] = positionals;
  if (!file || extra.length) throw new UsageError("domain-blocks import needs one <file>");
  const text = await readFile(file, "utf8").catch((error: Error) => {
    throw new UsageError(`cannot read ${file}: ${error.message}`);
  });
  const outcome = await app.services.importDomainBlocks(CLI_MODERATOR, { text, dryRun: values["dry-run"] ?? false });
  if (!outcome.ok) return report(outcome, "");
  for (const p of outcome.value.problems) console.error(`line ${p.line}: ${p.message}`);
  printPlan(outcome.value);
  console.log(outcome.value.dryRun ? "Dry run: nothing was changed." : `Applied ${outcome.value.applied} changes.`);
  return 0;
}

async function allowsCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [sub, domain, ...extra] = args;
  if (sub === "list" && !domain) {
    for (const a of await listDomainAllows(app.database.db)) console.log(a.domain);
    return 0;
  }
  if (!domain || extra.length) throw new UsageError("domain-blocks allows list | add <domain> | remove <domain>");
  if (sub === "add") {
    const outcome = await app.services.createDomainAllow(CLI_MODERATOR, { domain });
    return report(outcome, outcome.ok ? `Allowed ${outcome.value.domain}` : "");
  }
  if (sub !== "remove") throw new UsageError(`unknown allows command: ${sub}`);
  const [allow] = await findDomainAllowsFor(app.database.db, [normalizeDomain(domain) ?? ""]);
  if (!allow) return report({ ok: false, message: `${domain} is not allowed` }, "");
  return report(await app.services.removeDomainAllow(CLI_MODERATOR, allow.id), `No longer allowed: ${allow.domain}`);
}

/** Runs a domain-blocks subcommand; returns the process exit code. */
export async function runDomainBlocksCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "list":
      return listBlocks(app);
    case "add":
      return addBlock(app, rest);
    case "remove":
      return removeBlock(app, rest);
    case "import":
      return importBlocks(app, rest);
    case "export":
      process.stdout.write(await app.services.exportDomainBlocks());
      return 0;
    case "allows":
      return allowsCommand(app, rest);
    case "set": {
      const [key, value, ...extra] = rest;
      if (!key || value === undefined || extra.length) throw new UsageError("domain-blocks set needs <key> <value>");
      return report(await app.services.setFederationSetting(CLI_MODERATOR, key, value), `${key} = ${value}`);
    }
    case "subscriptions":
      return runSubscriptionsCommand(app, rest);
    default:
      throw new UsageError(`unknown domain-blocks command: ${sub ?? "(none)"}`);
  }
}
