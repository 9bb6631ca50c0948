// `instance ...`: the operator describes the instance (settings, rules) and
// manages announcements and custom emoji, through the same services as the
// API will (the admin API comes later).
import { parseArgs } from "node:util";
import { listAllAnnouncements } from "../../db/queries/announcements.ts";
import { listLocalEmojis } from "../../db/queries/custom-emojis.ts";
import { listRules, readInstanceSettings } from "../../db/queries/instance-settings.ts";
import type { ParleyApp } from "../app.ts";
import type { Result } from "../domain/result.ts";
import { INSTANCE_SETTINGS } from "../services/instance/instance-settings.ts";
import { UsageError } from "./usage.ts";

type Options = Record<string, { type: "string" | "boolean" }>;

function parse(args: string[], options: Options = {}) {
  try {
    return parseArgs({ args, allowPositionals: true, options });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

function report<T>(result: Result<T>, success: (value: T) => string): number {
  if (!result.ok) {
    console.error(result.message);
    return 1;
  }
  console.log(success(result.value));
  return 0;
}

function time(value: unknown, name: string): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(String(value));
  if (Number.isNaN(ms)) throw new UsageError(`--${name} must be a date and time such as 2025-06-01T12:00:00Z`);
  return ms;
}

const iso = (ms: number | null) => (ms === null ? "-" : new Date(ms).toISOString());

async function settingsCommand(app: ParleyApp, sub: string, rest: string[]): Promise<number> {
  if (sub === "show") {
    const stored = await readInstanceSettings(app.database.db);
    for (const key of Object.keys(INSTANCE_SETTINGS)) console.log(`${key}\t${stored.get(key)?.value ?? "(default)"}`);
    return 0;
  }
  const [key, ...words] = parse(rest).positionals;
  if (!key || words.length === 0) throw new UsageError(`instance set needs <key> <value>; keys: ${Object.keys(INSTANCE_SETTINGS).join(", ")}`);
  return report(await app.services.setInstanceSetting({ key, value: words.join(" ") }), (value) => (value ? `${key} set` : `${key} reset to its default`));
}

async function rulesCommand(app: ParleyApp, rest: string[]): Promise<number> {
  const [action, ...args] = rest;
  if (action === "list") {
    for (const rule of await listRules(app.database.db)) console.log(`${rule.id}\t${rule.text}${rule.hint ? `\t(${rule.hint})` : ""}`);
    return 0;
  }
  if (action === "add") {
    const parsed = parse(args, { hint: { type: "string" } });
    const text = parsed.positionals.join(" ");
    const hint = parsed.values.hint as string | undefined;
    return report(await app.services.addInstanceRule({ text, ...(hint ? { hint } : {}) }), (rule) => `Added rule ${rule.id}`);
  }
  if (action === "remove" && args.length === 1) return report(await app.services.removeInstanceRule(args[0]!), () => "Removed");
  throw new UsageError("instance rules list | add <text> [--hint <text>] | remove <id>");
}

async function announcementsCommand(app: ParleyApp, rest: string[]): Promise<number> {
  const [action, ...args] = rest;
  if (action === "list") {
    for (const a of await listAllAnnouncements(app.database.db)) {
      console.log(`${a.id}\tpublished ${iso(a.published_at)}\tstarts ${iso(a.starts_at)}\tends ${iso(a.ends_at)}\t${a.text}`);
    }
    return 0;
  }
  if (action === "add") {
    const parsed = parse(args, { "starts-at": { type: "string" }, "ends-at": { type: "string" }, "publish-at": { type: "string" }, "all-day": { type: "boolean" } });
    const created = await app.services.createAnnouncement({
      text: parsed.positionals.join(" "),
      startsAt: time(parsed.values["starts-at"], "starts-at"),
      endsAt: time(parsed.values["ends-at"], "ends-at"),
      publishAt: time(parsed.values["publish-at"], "publish-at"),
      allDay: parsed.values["all-day"] === true,
    });
    return report(created, (a) => `Published announcement ${a.id}`);
  }
  if (action === "remove" && args.length === 1) return report(await app.services.removeAnnouncement(args[0]!), () => "Removed");
  throw new UsageError("instance announcements list | add <text> [--starts-at <time>] [--ends-at <time>] [--all-day] [--publish-at <time>] | remove <id>");
}

async function emojisCommand(app: ParleyApp, rest: string[]): Promise<number> {
  const [action, ...args] = rest;
  if (action === "list") {
    for (const e of await listLocalEmojis(app.database.db)) console.log(`:${e.shortcode}:\t${e.url}${e.category ? `\t${e.category}` : ""}`);
    return 0;
  }
  if (action === "add") {
    const parsed = parse(args, { "static-url": { type: "string" }, category: { type: "string" } });
    const [shortcode, url, ...extra] = parsed.positionals;
    if (!shortcode || !url || extra.length) throw new UsageError("instance emojis add <shortcode> <image URL> [--static-url <URL>] [--category <name>]");
    const staticUrl = parsed.values["static-url"] as string | undefined;
    const category = parsed.values.category as string | undefined;
    return report(await app.services.addCustomEmoji({ shortcode, url, ...(staticUrl ? { staticUrl } : {}), ...(category ? { category } : {}) }), (e) => `Added :${e.shortcode}:`);
  }
  if (action === "remove" && args.length === 1) return report(await app.services.removeCustomEmoji(args[0]!.replace(/^:|:$/g, "")), () => "Removed");
  throw new UsageError("instance emojis list | add <shortcode> <image URL> [--static-url <URL>] [--category <name>] | remove <shortcode>");
}

/** Runs an instance subcommand; returns the process exit code. */
export async function runInstanceCommand(app: ParleyApp, args: string[]): Promise<number> {
  const [sub, ...rest] = args;
  switch (sub) {
    case "show":
    case "set":
      return settingsCommand(app, sub, rest);
    case "rules":
      return rulesCommand(app, rest);
    case "announcements":
      return announcementsCommand(app, rest);
    case "emojis":
      return emojisCommand(app, rest);
    default:
      throw new UsageError(`unknown instance command: ${sub ?? "(none)"}`);
  }
}
