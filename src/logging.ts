// Logging through LogTape, which Fedify already logs through: one sink (the
// console), Parley's categories and Fedify's at the configured level.
import { AsyncLocalStorage } from "node:async_hooks";
import { configure, getConsoleSink } from "@logtape/logtape";
import type { Config } from "./config.ts";

/** Configures LogTape once per process (CLI entry only; tests configure their own). */
export async function setUpLogging(level: Config["logLevel"]): Promise<void> {
  await configure({
    sinks: { console: getConsoleSink() },
    contextLocalStorage: new AsyncLocalStorage(),
    loggers: [
      { category: ["parley"], lowestLevel: level, sinks: ["console"] },
      { category: ["fedify"], lowestLevel: level === "debug" ? "debug" : "warning", sinks: ["console"] },
      { category: ["logtape", "meta"], lowestLevel: "warning", sinks: ["console"] },
    ],
  });
}
