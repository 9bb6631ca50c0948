// `rules list | add <kind> [pattern] --action A ... | remove <id> | enforce <id> | dry-run-report [id]`
// and `holds list | release <id> | remove <id> [--reason R]`: the operator's
// automatic rules and review queue; every change is audited as "cli".
import { parseArgs } from "node:util";
import { findAccountById } from "../../db/queries/accounts.ts";
import { findRuleMatches, listRules, type RuleRow } from "../../db/queries/moderation-rules.ts";
import { pageHolds } from "../../db/queries/status-holds.ts";
import { findStatusById } from "../../db/queries/statuses.ts";
import type { RuleField } from "../../db/schema/rules.ts";
import type { ParleyApp } from "../app.ts";
import { htmlToPlainText } from "../domain/sanitize-html.ts";
import { acctOf } from "../entities/account.ts";
import { CLI_MODERATOR } from "../services/moderation/audit.ts";
import type { RuleInput } from "../services/moderation/manage-rules.ts";
import { report as done } from "./domain-blocks.ts";
import { UsageError } from "./usage.ts";

const RULE_OPTIONS = {
  action: { type: "string" },
  fields: { type: "string" },
  "max-mentions": { type: "string" },
  "account-age-hours": { type: "string" },
  "max-links-per-domain": { type: "string" },
  domains: { type: "string" },
  "dry-run": { type: "boolean", default: false },
  comment: { type: "string" },
  reason: { type: "string" },
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: RULE_OPTIONS });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

const count = (value: string | undefined) => (value === undefined ? undefined : Number(value));

function describe(rule: RuleRow): string {
  const what = rule.pattern !== null ? `${JSON.stringify(rule.pattern)} in ${JSON.parse(rule.fields).join(",")}` : rule.params;
  return [rule.id, rule.kind, rule.action, rule.dry_run ? "dry-run" : "enforced", `${rule.matches_count} matches`, what, rule.comment].join("\t");
}

/** Runs a rules subcommand; returns the process exit code. */
export async function runRulesCommand(app: ParleyApp, args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [sub, target, pattern] = positionals;
  const { db } = app.database;
  if (sub === "list") {
    for (const rule of await listRules(db)) console.log(describe(rule));
    return 0;
  }
  if (sub === "dry-run-report") {
    const rules = (await listRules(db)).filter((r) => (target ? r.id === target : r.dry_run === 1));
    const matches = await findRuleMatches(db, rules.map((r) => r.id));
    for (const rule of rules) {
      console.log(describe(rule));
      for (const m of matches.filter((x) => x.rule_id === rule.id)) console.log(`  ${new Date(m.created_at).toISOString()}\t${m.subject_uri ?? ""}\t${m.excerpt}`);
    }
    return 0;
  }
  if (sub === "add") {
    if (!target) throw new UsageError("rules add needs a kind: keyword, regex, mention_flood or link_spam");
    if (!values.action) throw new UsageError("rules add needs --action flag|hold|sensitive|reject");
    const input: RuleInput = {
      kind: target as RuleInput["kind"],
      pattern: pattern ?? null,
      fields: (values.fields ?? "text").split(",") as RuleField[],
      params: {
        ...(values["max-mentions"] ? { maxMentions: count(values["max-mentions"]) } : {}),
        ...(values["account-age-hours"] ? { accountAgeHours: count(values["account-age-hours"]) } : {}),
        ...(values["max-links-per-domain"] ? { maxLinksPerDomain: count(values["max-links-per-domain"]) } : {}),
        ...(values.domains ? { domains: values.domains.split(",") } : {}),
      },
      action: values.action as RuleInput["action"],
      dryRun: values["dry-run"],
      comment: values.comment ?? "",
    };
    const created = await app.services.createRule(CLI_MODERATOR, input);
    return done(created, created.ok ? `Rule ${created.value.id} added` : "");
  }
  if (!target) throw new UsageError(`rules ${sub ?? ""} needs a rule id`);
  if (sub === "remove") return done(await app.services.removeRule(CLI_MODERATOR, target), `Rule ${target} removed`);
  if (sub === "enforce") return done(await app.services.changeRule(CLI_MODERATOR, target, { dryRun: false }), `Rule ${target} enforced`);
  throw new UsageError(`unknown rules subcommand: ${sub ?? ""}`);
}

/** Runs a holds subcommand; returns the process exit code. */
export async function runHoldsCommand(app: ParleyApp, args: string[]): Promise<number> {
  const { values, positionals } = parse(args);
  const [sub, id] = positionals;
  const { db } = app.database;
  if (sub === "list") {
    for (const hold of await pageHolds(db, { lower: null, upper: null, ascending: false, limit: 200 })) {
      const status = await findStatusById(db, hold.status_id);
      const author = status && (await findAccountById(db, status.account_id));
      const text = status ? htmlToPlainText(status.content).slice(0, 80) : "";
      console.log([hold.status_id, hold.actor_name, author ? acctOf(author) : "?", JSON.stringify(hold.reason), JSON.stringify(text)].join("\t"));
    }
    return 0;
  }
  if (!id) throw new UsageError(`holds ${sub ?? ""} needs a status id`);
  if (sub === "release") return done(await app.services.releaseHold(CLI_MODERATOR, id), `Status ${id} released`);
  if (sub === "remove") return done(await app.services.removeHeldStatus(CLI_MODERATOR, id, values.reason ?? ""), `Status ${id} removed`);
  throw new UsageError(`unknown holds subcommand: ${sub ?? ""}`);
}
