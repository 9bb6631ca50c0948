// `domain-blocks subscriptions list | add <url> [--auto-apply] | remove <id|url>
// | review <id|url> | apply <id|url>`: blocklist subscriptions from the command
// line. review fetches the list now and prints what applying would change.
import { type BlocklistSubscriptionRow, findBlocklistSubscription, findBlocklistSubscriptionByUrl, listBlocklistSubscriptions, pendingChanges } from "../../db/queries/blocklist-subscriptions.ts";
import type { ParleyApp } from "../app.ts";
import { isId } from "../domain/ids.ts";
import { CLI_MODERATOR } from "../services/moderation/audit.ts";
import { parse, printPlan, report } from "./domain-blocks.ts";
import { UsageError } from "./usage.ts";

async function find(app: ParleyApp, ref: string | undefined): Promise<BlocklistSubscriptionRow> {
  if (!ref) throw new UsageError("name the subscription by its id or URL");
  const db = app.database.db;
  const row = isId(ref) ? await findBlocklistSubscription(db, ref) : URL.canParse(ref) ? await findBlocklistSubscriptionByUrl(db, new URL(ref).href) : undefined;
  if (!row) throw new UsageError(`no subscription ${ref}`);
  return row;
}

/** Runs a subscriptions subcommand; returns the process exit code. */
export async function runSubscriptionsCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "list":
      for (const s of await listBlocklistSubscriptions(app.database.db)) {
        const pending = pendingChanges(s);
        const fetched = s.last_fetched_at === null ? "never fetched" : `fetched ${new Date(Number(s.last_fetched_at)).toISOString()}`;
        console.log([s.id, s.url, s.auto_apply ? "auto-apply" : "review", fetched, `pending +${pending.added.length} ~${pending.changed.length} -${pending.removed.length}`, s.last_error ?? ""].join("\t"));
      }
      return 0;
    case "add": {
      const { values, positionals } = parse(rest, { "auto-apply": { type: "boolean" } });
      if (positionals.length !== 1) throw new UsageError("subscriptions add needs one <url>");
      const added = await app.services.addBlocklistSubscription(CLI_MODERATOR, { url: positionals[0]!, autoApply: values["auto-apply"] ?? false });
      return report(added, added.ok ? `Subscribed (${added.value.id}) to ${added.value.url}` : "");
    }
    case "remove": {
      const row = await find(app, rest[0]);
      return report(await app.services.removeBlocklistSubscription(CLI_MODERATOR, row.id), `Unsubscribed from ${row.url}; its blocks stay as local ones`);
    }
    case "review": {
      const row = await find(app, rest[0]);
      const refreshed = await app.services.refreshBlocklistSubscription(row.id, { allowPrivateAddress: app.config.allowPrivateAddress });
      if (!refreshed.ok) return report(refreshed, "");
      const { subscription, plan, applied } = refreshed.value;
      if (subscription.last_error) return report({ ok: false, message: `Could not fetch ${row.url}: ${subscription.last_error}` }, "");
      printPlan({ ...pendingChanges({ ...subscription, pending: plan ? JSON.stringify(plan) : null }), skipped: plan?.skipped ?? [] });
      if (applied) console.log(`Applied ${applied} changes (auto-apply).`);
      return 0;
    }
    case "apply": {
      const row = await find(app, rest[0]);
      const applied = await app.services.applyBlocklistSubscription(CLI_MODERATOR, row.id);
      return report(applied, applied.ok ? `Applied ${applied.value.applied} changes from ${row.url}` : "");
    }
    default:
      throw new UsageError(`unknown subscriptions command: ${sub ?? "(none)"}`);
  }
}
