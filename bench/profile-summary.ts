// Reads a V8 .cpuprofile (node --cpu-prof) and prints where the time went:
// self time by package (or Parley's own folders) and the hottest functions,
// as shares of the main thread's busy time.
// Also runnable alone: node bench/profile-summary.ts <file.cpuprofile> [top]
import { readFileSync } from "node:fs";

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// node_modules/@scope/name or node_modules/name, else the repo folder, else the V8 pseudo-frame.
function ownerOf(url: string, functionName: string): string {
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const repo = /\/work\/[^/]+\/([^/]+)\//.exec(url) ?? /file:\/\/.*?\/(src|federation|db|bench|test)\//.exec(url);
  if (repo) return `parley ${repo[1]}/`;
  if (url.startsWith("node:")) return "node internals";
  return url === "" ? functionName || "(anonymous)" : url;
}

/** Prints the profile's self time by owner and its `top` hottest functions. */
export function printProfileSummary(path: string, top = 15): void {
  const profile = JSON.parse(readFileSync(path, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  // Percentages are of the time the main thread was busy: idle waiting says nothing about cost.
  for (const [id] of selfUs) if (byId.get(id)!.callFrame.functionName === "(idle)") selfUs.delete(id);
  const total = [...selfUs.values()].reduce((a, b) => a + b, 0);
  const owners = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, us] of selfUs) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const owner = ownerOf(url, functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    const name = `${functionName || "(anonymous)"} [${owner}${url ? `:${lineNumber + 1}` : ""}]`;
    functions.set(name, (functions.get(name) ?? 0) + us);
  }
  const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
  console.log(`\n  profile ${path}: main thread busy ${(total / 1e6).toFixed(2)} s (setup included)`);
  console.log("  self time by package:");
  for (const [owner, us] of [...owners].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(us)}  ${owner}`);
  console.log("  hottest functions (self time):");
  for (const [name, us] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, top)) console.log(`    ${pct(us)}  ${name}`);
}

if (import.meta.main) {
  const [file, top] = process.argv.slice(2);
  if (!file) {
    console.error("usage: node bench/profile-summary.ts <file.cpuprofile> [top]");
    process.exitCode = 2;
  } else {
    printProfileSummary(file, top ? Number(top) : 25);
  }
}
