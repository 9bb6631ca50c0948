// Parley's version, read from package.json once.
import { readFileSync } from "node:fs";

/** The version in package.json (NodeInfo, User-Agent). */
export const PARLEY_VERSION: string = (JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string }).version;
