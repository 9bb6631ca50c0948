// The only reader of process.env. Parses the environment once, at start, and
// refuses bad values with a message naming the variable. The list of
// variables here, in README.md and in deploy/env.example is the same list.
import { resolve } from "node:path";
import type { DatabaseConfig } from "../db/index.ts";

export interface Config {
  /** Port the HTTP server listens on. */
  port: number;
  /** Interface the HTTP server binds to. */
  host: string;
  /** Canonical origin of the instance (no trailing slash), e.g. https://parley.example. */
  publicUrl: URL;
  dataDir: string;
  database: DatabaseConfig;
  /** Lets federation reach loopback and private addresses: tests and local experiments only. */
  allowPrivateAddress: boolean;
  /** Whether this process consumes the delivery and inbox queue. */
  runQueue: boolean;
  logLevel: "debug" | "info" | "warning" | "error";
  /** Whether new accounts may sign up without an operator (the API comes later). */
  registrations: "open" | "approval" | "invite" | "closed";
  /** Client API requests per 5 minutes per token (or per address); 0 turns the limit off. Default 300. */
  apiRateLimit?: number;
  /** Inbound activities per minute per remote host (burst of the same size); 0 turns the limit off. Default 600. */
  inboxRateLimit?: number;
  /** Whether the client address is the last X-Forwarded-For entry (behind a trusted reverse proxy). */
  trustProxy?: boolean;
  /** Limits of single rate-limit buckets by name (rate-limit-buckets.ts), 0 turning one off: tests only. */
  rateLimitOverrides?: Partial<Record<string, number>>;
}

export class ConfigError extends Error {}

type Env = Record<string, string | undefined>;

function readPort(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new ConfigError(`${name} must be a port number from 0 to 65535, got "${raw}"`);
  }
  return port;
}

function readFlag(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name]?.trim().toLowerCase();
  if (raw === undefined || raw === "") return fallback;
  if (["1", "true", "yes", "on"].includes(raw)) return true;
  if (["0", "false", "no", "off"].includes(raw)) return false;
  throw new ConfigError(`${name} must be true or false, got "${env[name]}"`);
}

function readCount(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  const count = Number(raw);
  if (!Number.isInteger(count) || count < 0) throw new ConfigError(`${name} must be a whole number, 0 or more, got "${raw}"`);
  return count;
}

function readChoice<T extends string>(env: Env, name: string, choices: readonly T[], fallback: T): T {
  const raw = env[name];
  if (raw === undefined || raw === "") return fallback;
  if (!(choices as readonly string[]).includes(raw)) {
    throw new ConfigError(`${name} must be one of ${choices.join(", ")}, got "${raw}"`);
  }
  return raw as T;
}

function readPublicUrl(env: Env, port: number): URL {
  const raw = env.PARLEY_PUBLIC_URL;
  if (raw === undefined || raw === "") return new URL(`http://localhost:${port}`);
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`PARLEY_PUBLIC_URL must be an absolute URL such as https://parley.example, got "${raw}"`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new ConfigError(`PARLEY_PUBLIC_URL must use http or https, got "${raw}"`);
  }
  if (url.pathname !== "/" || url.search || url.hash || url.username || url.password) {
    throw new ConfigError(`PARLEY_PUBLIC_URL must be an origin without path, query or credentials, got "${raw}"`);
  }
  return new URL(url.origin);
}

function readDatabase(env: Env, dataDir: string): DatabaseConfig {
  const raw = env.DATABASE_URL;
  if (raw === undefined || raw === "") return { kind: "sqlite", path: resolve(dataDir, "parley.sqlite") };
  if (raw.startsWith("postgres://") || raw.startsWith("postgresql://")) {
    const poolSize = env.PARLEY_DB_POOL_SIZE ? Number(env.PARLEY_DB_POOL_SIZE) : undefined;
    if (poolSize !== undefined && (!Number.isInteger(poolSize) || poolSize < 1)) {
      throw new ConfigError(`PARLEY_DB_POOL_SIZE must be a positive integer, got "${env.PARLEY_DB_POOL_SIZE}"`);
    }
    const schema = env.PARLEY_DATABASE_SCHEMA || undefined;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
      throw new ConfigError(`PARLEY_DATABASE_SCHEMA must be a lowercase PostgreSQL identifier, got "${schema}"`);
    }
    return { kind: "postgres", url: raw, ...(poolSize ? { poolSize } : {}), ...(schema ? { schema } : {}) };
  }
  if (raw.startsWith("sqlite:")) return { kind: "sqlite", path: resolve(raw.slice("sqlite:".length)) };
  throw new ConfigError(`DATABASE_URL must start with postgres://, postgresql:// or sqlite:, got "${raw.split(":")[0]}:..."`);
}

/** Parses the environment into a Config, or throws ConfigError naming the bad variable. */
export function loadConfig(env: Env = process.env): Config {
  const port = readPort(env, "PORT", 3000);
  const dataDir = resolve(env.PARLEY_DATA_DIR || "./data");
  return {
    port,
    host: env.PARLEY_LISTEN_HOST || "127.0.0.1",
    publicUrl: readPublicUrl(env, port),
    dataDir,
    database: readDatabase(env, dataDir),
    allowPrivateAddress: readFlag(env, "PARLEY_ALLOW_PRIVATE_ADDRESS", false),
    runQueue: readFlag(env, "PARLEY_RUN_QUEUE", true),
    logLevel: readChoice(env, "PARLEY_LOG_LEVEL", ["debug", "info", "warning", "error"] as const, "info"),
    registrations: readChoice(env, "PARLEY_REGISTRATIONS", ["open", "approval", "invite", "closed"] as const, "closed"),
    apiRateLimit: readCount(env, "PARLEY_API_RATE_LIMIT", 300),
    inboxRateLimit: readCount(env, "PARLEY_INBOX_RATE_LIMIT", 600),
    trustProxy: readFlag(env, "PARLEY_TRUST_PROXY", false),
  };
}
