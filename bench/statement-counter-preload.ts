// Loaded into a benchmark's Parley with `node --import` (--count-statements):
// counts its SQL statements, and on SIGUSR2 writes the counts since the last
// signal to PARLEY_BENCH_STATEMENTS_FILE (JSON) and starts over.
import { writeFileSync } from "node:fs";
import { countStatements, takeStatementCounts } from "./statement-counter.ts";

const file = process.env.PARLEY_BENCH_STATEMENTS_FILE;
if (!file) throw new Error("statement-counter-preload needs PARLEY_BENCH_STATEMENTS_FILE");
countStatements();
process.on("SIGUSR2", () => writeFileSync(file, JSON.stringify(takeStatementCounts())));
