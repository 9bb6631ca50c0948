// Mastodon's admin measures and dimensions from Parley's own data, with
// Parley's report_resolution_time_median: the time to action of reports.
// Measures are split into daily buckets (UTC), totals also for the period before.
import { SqliteAdapter } from "kysely";
import {
  type Count,
  countActiveServers,
  countLocalLanguages,
  countSignUpSources,
  databaseSize,
  databaseVersion,
  findReportTimes,
  findSignUpTimes,
  listMediaKeys,
  type Span,
} from "../../../db/queries/admin-metrics.ts";
import { PARLEY_VERSION } from "../../version.ts";
import type { ServiceDeps } from "../context.ts";

const DAY_MS = 86_400_000;

export interface MeasureData {
  key: string;
  unit: string | null;
  total: number;
  previousTotal: number;
  /** One value per day of the span, from its first day. */
  days: { date: number; value: number }[];
}

export interface DimensionData {
  key: string;
  /** Values as Mastodon sends them: strings (counts, bytes, versions). */
  data: { key: string; humanKey: string; value: string; unit?: string }[];
}

/** The median of some numbers (0 for none). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

// Each measure: its unit, and how to reduce the event times of a span to one figure.
type Reducer = (deps: ServiceDeps, span: Span) => Promise<number>;
const within = (t: number | null, span: Span) => t !== null && t >= span.from && t < span.to;
const MEASURES: Record<string, { unit: string | null; of: Reducer }> = {
  opened_reports: { unit: null, of: async (deps, span) => (await findReportTimes(deps.db, span)).filter((r) => within(r.created_at, span)).length },
  resolved_reports: { unit: null, of: async (deps, span) => (await findReportTimes(deps.db, span)).filter((r) => within(r.action_taken_at, span)).length },
  // Seconds from filing to resolution, over the reports resolved in the span.
  report_resolution_time_median: {
    unit: "seconds",
    of: async (deps, span) => Math.round(median((await findReportTimes(deps.db, span)).filter((r) => within(r.action_taken_at, span)).map((r) => (r.action_taken_at! - r.created_at) / 1000))),
  },
  new_users: { unit: null, of: async (deps, span) => (await findSignUpTimes(deps.db, span)).length },
};

/** The measures asked for (unknown keys are left out, as Mastodon does) over [from, to) whole days. */
export async function measure(deps: ServiceDeps, keys: readonly string[], span: Span): Promise<MeasureData[]> {
  const length = span.to - span.from;
  const days: Span[] = [];
  for (let day = span.from; day < span.to; day += DAY_MS) days.push({ from: day, to: Math.min(day + DAY_MS, span.to) });
  const known = [...new Set(keys)].filter((key) => Object.hasOwn(MEASURES, key));
  return Promise.all(known.map(async (key) => {
    const { unit, of } = MEASURES[key]!;
    return {
      key,
      unit,
      total: await of(deps, span),
      previousTotal: await of(deps, { from: span.from - length, to: span.from }),
      days: await Promise.all(days.map(async (d) => ({ date: d.from, value: await of(deps, d) }))),
    };
  }));
}

const fromCounts = (rows: Count[], unknown: string) => rows.map((r) => ({ key: r.key ?? unknown, humanKey: r.key ?? unknown, value: String(r.count) }));

async function mediaBytes(deps: ServiceDeps): Promise<number> {
  let total = 0;
  for (const key of await listMediaKeys(deps.db)) total += (await deps.media.open(key))?.size ?? 0;
  return total;
}

const DIMENSIONS: Record<string, (deps: ServiceDeps, span: Span, limit: number) => Promise<DimensionData["data"]>> = {
  languages: async (deps, span, limit) => fromCounts(await countLocalLanguages(deps.db, span, limit), "und"),
  servers: async (deps, span, limit) => fromCounts(await countActiveServers(deps.db, span, limit), ""),
  sources: async (deps, span, limit) => fromCounts(await countSignUpSources(deps.db, span, limit), "web"),
  software_versions: async (deps) => {
    const sqlite = deps.db.getExecutor().adapter instanceof SqliteAdapter;
    const database = await databaseVersion(deps.db, sqlite);
    return [
      { key: "parley", humanKey: "Parley", value: PARLEY_VERSION },
      { key: "node", humanKey: "Node.js", value: process.versions.node },
      { key: sqlite ? "sqlite" : "postgresql", humanKey: sqlite ? "SQLite" : "PostgreSQL", value: database },
    ];
  },
  space_usage: async (deps) => {
    const sqlite = deps.db.getExecutor().adapter instanceof SqliteAdapter;
    return [
      { key: sqlite ? "sqlite" : "postgresql", humanKey: sqlite ? "SQLite" : "PostgreSQL", value: String(await databaseSize(deps.db, sqlite)), unit: "bytes" },
      { key: "media", humanKey: "Media storage", value: String(await mediaBytes(deps)), unit: "bytes" },
    ];
  },
};

/** The dimensions asked for (unknown keys left out), each with at most `limit` items. */
export async function dimension(deps: ServiceDeps, keys: readonly string[], span: Span, limit: number): Promise<DimensionData[]> {
  const known = [...new Set(keys)].filter((key) => Object.hasOwn(DIMENSIONS, key));
  return Promise.all(known.map(async (key) => ({ key, data: await DIMENSIONS[key]!(deps, span, limit) })));
}
