// Zod building blocks for Mastodon's loosely typed parameters (form bodies
// send everything as strings: "true", "1", "0"...).
import type { Context } from "hono";
import { z } from "zod";
import { isId } from "../../domain/ids.ts";
import type { ApiEnv } from "./env.ts";

/** A boolean as Rails reads it: true/false, "true"/"1"/"on" and "false"/"0"/"off"/"". */
export const flag = z.preprocess((v) => {
  if (typeof v === "string") return !["false", "0", "off", ""].includes(v.toLowerCase());
  return v;
}, z.boolean());

/** An integer given as a number or a string. */
export const integer = z.preprocess((v) => (typeof v === "string" && v !== "" ? Number(v) : v), z.number().int());

/** A list given as a JSON array, a `key[]` form array, or a single value. */
export function list<T extends z.ZodType>(item: T) {
  return z.preprocess((v) => (v === undefined ? undefined : Array.isArray(v) ? v : [v]), z.array(item));
}

export const visibility = z.enum(["public", "unlisted", "private", "direct"]);

/** expires_in as seconds; "" or null clears the expiry (Mastodon accepts both). */
export const expiresIn = z.preprocess((v) => (v === "" ? null : v), integer.nullable()).optional();

/** The id path parameter, or "0" (which matches nothing) when it is not an id. */
export const idParam = (c: Context<ApiEnv>, name = "id") => (isId(c.req.param(name) ?? "") ? c.req.param(name)! : "0");
