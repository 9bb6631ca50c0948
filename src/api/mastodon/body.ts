// Reads a request's parameters the way Mastodon (Rails) does: JSON bodies,
// form-encoded and multipart bodies alike, with `key[]` arrays and nested
// `poll[options][]` keys, merged over the query string.
import type { Context } from "hono";
import type { z } from "zod";
import { apiError } from "./errors.ts";

type Params = Record<string, unknown>;

function assign(target: Params, path: string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    target[head] = value;
    return;
  }
  if (rest[0] === "") {
    const list = Array.isArray(target[head]) ? (target[head] as unknown[]) : [];
    target[head] = list;
    if (rest.length === 1) {
      list.push(value);
      return;
    }
    // `name[][key]`: keys fill the last hash until one repeats, then a new hash starts (Rack's normalize_params).
    const last = list.at(-1);
    const fillable = typeof last === "object" && last !== null && !Array.isArray(last) && !(rest[1]! in last);
    const item = fillable ? (last as Params) : {};
    if (!fillable) list.push(item);
    assign(item, rest.slice(1), value);
    return;
  }
  const child = typeof target[head] === "object" && target[head] !== null && !Array.isArray(target[head]) ? (target[head] as Params) : {};
  target[head] = child;
  assign(child, rest, value);
}

/** Splits `poll[options][]` into ["poll", "options", ""]. */
function keyPath(key: string): string[] {
  const match = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
  if (!match) return [key];
  return [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((m) => m[1]!)];
}

/** All parameters of a request: query string, then the body (JSON, form or multipart). */
export async function readParams(c: Context): Promise<Params> {
  const params: Params = {};
  const url = new URL(c.req.url);
  for (const [key, value] of url.searchParams) assign(params, keyPath(key), value);
  if (c.req.method === "GET" || c.req.method === "HEAD") return params;
  const type = c.req.header("Content-Type") ?? "";
  if (type.includes("application/json")) {
    const body = await c.req.json().catch(() => null);
    if (body && typeof body === "object" && !Array.isArray(body)) Object.assign(params, body);
  } else if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    const form = await c.req.formData().catch(() => null);
    for (const [key, value] of form ?? []) assign(params, keyPath(key), value);
  }
  return params;
}

/** Parses parameters with a schema; on failure answers 422 with the first problem. */
export async function parseParams<S extends z.ZodType>(c: Context, schema: S): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  const parsed = schema.safeParse(await readParams(c));
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  const where = issue?.path.length ? `${issue.path.join(".")}: ` : "";
  return { ok: false, response: apiError(c, 422, `Validation failed: ${where}${issue?.message ?? "invalid parameters"}`) };
}
