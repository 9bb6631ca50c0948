// Rules benchmark: statuses per second through createStatus, the one creation
// path (remote statuses, as the inbox stores them: ~60 words, some links and
// hashtags), with no automatic rule and then with 1,000 keyword rules active,
// each with the CPU seconds it took; SQLite, in this process.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp, type ParleyApp } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { htmlToPlainText } from "../src/domain/sanitize-html.ts";
import { CLI_MODERATOR } from "../src/services/moderation/audit.ts";
import { accountSubject } from "../src/services/moderation/check-rules.ts";
import { activeRules } from "../src/services/moderation/rule-cache.ts";
import type { BenchOptions } from "./options.ts";
import { serverEnv } from "./parley-server.ts";
import { ownCpuSeconds } from "./proc.ts";
import { type Figure, per, printFigures } from "./report.ts";

const RULES = 1000;
const WARM_UP = 50;
const WORDS = "the quick brown fox jumps over a lazy dog while people post about their day news music and food".split(" ");

// A status text that no rule matches, different each time.
function textOf(i: number): string {
  const words = Array.from({ length: 60 }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]);
  return `<p>${words.join(" ")} #tag${i % 50} <a href="https://news${i % 20}.example/${i}">https://news${i % 20}.example/${i}</a></p>`;
}

async function pass(app: ParleyApp, authorId: string, label: string, from: number, count: number): Promise<{ rate: number | null; cpu: number }> {
  const create = (i: number) =>
    app.services.createStatus({ origin: "remote", accountId: authorId, uri: `https://remote.bench/statuses/${label}-${i}`, content: textOf(i), visibility: "public" });
  for (let i = 0; i < WARM_UP; i++) await create(from - WARM_UP + i);
  const cpuBefore = ownCpuSeconds();
  const started = performance.now();
  for (let i = from; i < from + count; i++) {
    const created = await create(i);
    if (!created.ok) throw new Error(created.message);
  }
  return { rate: per(count, (performance.now() - started) / 1000), cpu: ownCpuSeconds() - cpuBefore };
}

/** Runs the rules benchmark and prints its figures. */
export async function runRules(options: BenchOptions): Promise<void> {
  const count = options.count ?? 2000;
  const dataDir = mkdtempSync(join(tmpdir(), "parley-bench-rules-"));
  const app = await createApp({ ...loadConfig(serverEnv(dataDir, 3000)), runQueue: false });
  try {
    const uri = "https://remote.bench/users/poster";
    const author = await app.services.upsertRemoteAccount({
      uri, username: "poster", domain: "remote.bench", displayName: "Poster", note: "", avatarUrl: null, headerUrl: null, fields: [], emojis: [],
      locked: false, bot: false, discoverable: true, actorType: "Person", url: uri, inboxUrl: `${uri}/inbox`, sharedInboxUrl: null, outboxUrl: null,
      followersUrl: null, followingUrl: null, featuredUrl: null, publicKeys: [], alsoKnownAs: [], movedToUri: null, published: null,
    });
    if (!author.ok) throw new Error(author.message);
    const without = await pass(app, author.value.id, "none", WARM_UP, count);
    for (let i = 0; i < RULES; i++) {
      const rule = await app.services.createRule(CLI_MODERATOR, { kind: "keyword", pattern: `forbidden phrase ${i}`, fields: ["text", "spoiler"], action: "hold" });
      if (!rule.ok) throw new Error(rule.message);
    }
    const withRules = await pass(app, author.value.id, "rules", WARM_UP + count + WARM_UP, count);
    // The matcher alone, on the same texts: what the rules cost beyond the database.
    const rules = await activeRules(app.services.deps);
    const subject = (i: number) => ({ ...accountSubject({ displayName: "", note: "", createdAt: 0 }), type: "status" as const, text: htmlToPlainText(textOf(i)) });
    const matchStarted = performance.now();
    for (let i = 0; i < count; i++) rules.match(subject(i), Date.now());
    const matchMs = performance.now() - matchStarted;
    const figures: Figure[] = [
      { label: "statuses/s, no rules", value: without.rate, unit: "statuses/s" },
      { label: "CPU, no rules", value: without.cpu, unit: "CPU-s" },
      { label: `statuses/s, ${RULES} keyword rules`, value: withRules.rate, unit: "statuses/s", target: "≥ 90% of no rules" },
      { label: `CPU, ${RULES} keyword rules`, value: withRules.cpu, unit: "CPU-s" },
      { label: "CPU per status, no rules", value: (without.cpu / count) * 1e3, unit: "ms" },
      { label: `CPU per status, ${RULES} keyword rules`, value: (withRules.cpu / count) * 1e3, unit: "ms" },
      { label: `matcher alone, ${RULES} keyword rules (text to plain + match)`, value: (matchMs / count) * 1e3, unit: "µs per status", digits: 0 },
    ];
    printFigures(`rules: ${count} remote statuses through createStatus, SQLite`, figures, [
      "no status matches a rule (the common case); a match adds its hold and the match record",
    ]);
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
