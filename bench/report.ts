// How every benchmark prints: one table of figures, each next to its target
// (a goal printed as the baseline, never asserted), headed by the machine's
// core count so figures from noisy or small machines can be compared.
import { availableParallelism } from "node:os";

export interface Figure {
  label: string;
  value: number | null;
  unit: string;
  /** The goal as text, e.g. "≥ 300" or "≤ 50 ms"; omitted when there is none. */
  target?: string;
  /** Digits after the point (default: 0 from 100 up, else 2). */
  digits?: number;
}

function format(value: number | null, digits?: number): string {
  if (value === null || !Number.isFinite(value)) return "n/a";
  return value.toFixed(digits ?? (Math.abs(value) >= 100 ? 0 : 2));
}

/** Prints a benchmark's title, the machine line and its figures as an aligned table. */
export function printFigures(title: string, figures: readonly Figure[], notes: readonly string[] = []): void {
  const rows = figures.map((f) => [f.label, `${format(f.value, f.digits)} ${f.unit}`.trim(), f.target ?? "—"] as const);
  const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i]!.length), ["figure", "measured", "target"][i]!.length));
  const line = (cells: readonly string[]) => `  ${cells[0]!.padEnd(width[0]!)}  ${cells[1]!.padStart(width[1]!)}  ${cells[2]}`;
  console.log(`\n== ${title} ==`);
  console.log(`  machine: ${availableParallelism()} cores (os.availableParallelism()), Node ${process.version}, ${process.platform}/${process.arch}`);
  console.log(line(["figure", "measured", "target"]));
  for (const row of rows) console.log(line(row));
  for (const note of notes) console.log(`  note: ${note}`);
}

/** The p-th percentile (0-100) of unsorted samples, nearest-rank; null when empty. */
export function percentile(samples: readonly number[], p: number): number | null {
  if (samples.length === 0) return null;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil((p / 100) * sorted.length)));
  return sorted[rank - 1]!;
}

/** A division that reports n/a instead of Infinity when the divisor is zero. */
export function per(count: number, amount: number): number | null {
  return amount > 0 ? count / amount : null;
}

export const MIB = 1024 * 1024;
