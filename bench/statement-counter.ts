// Counts the SQL statements a process runs, by their text: a measuring tool
// for the benchmarks (--count-statements), never loaded by Parley itself. It
// wraps better-sqlite3's Statement methods, so it sees SQLite only.
import BetterSqlite3 from "better-sqlite3";

export interface StatementCounts {
  /** Statements run since the last reset. */
  total: number;
  /** Statement text -> how many times it ran. */
  bySql: Record<string, number>;
}

const counts = new Map<string, number>();
let total = 0;
let installed = false;

/** Starts counting in this process (once). */
export function countStatements(): void {
  if (installed) return;
  installed = true;
  const probe = new BetterSqlite3(":memory:");
  const statement = Object.getPrototypeOf(probe.prepare("select 1")) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  for (const method of ["run", "get", "all", "iterate"]) {
    const original = statement[method]!;
    statement[method] = function (this: { source: string }, ...args: unknown[]) {
      total++;
      const text = this.source.replace(/\s+/g, " ");
      counts.set(text, (counts.get(text) ?? 0) + 1);
      return original.apply(this, args);
    };
  }
}

/** The counts since the last call, then starts over. */
export function takeStatementCounts(): StatementCounts {
  const taken = { total, bySql: Object.fromEntries(counts) };
  counts.clear();
  total = 0;
  return taken;
}

/** Notes for a report: statements per unit of work and the most frequent ones. */
export function statementNotes(counts: StatementCounts, units: number, unit: string, top = 8): string[] {
  const lines = Object.entries(counts.bySql)
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([text, n]) => `  ${(n / units).toFixed(2).padStart(6)} per ${unit}: ${text.length > 110 ? `${text.slice(0, 107)}...` : text}`);
  return [`SQL statements per ${unit}: ${(counts.total / units).toFixed(1)} (${counts.total} for ${units}); the most frequent:`, ...lines];
}
