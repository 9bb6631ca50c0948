// The inbox side of federation controls: an activity POSTed to an inbox from
// a refused domain (suspended, or not allowed in allowlist mode) is answered
// 403 before anything is done with it: no signature key fetched, nothing
// queued or stored (Mastodon's SignatureVerification answers 403 for a
// domain it does not allow). The sender is known by the signature's key id
// and by the activity's actor; either on a refused domain is enough.
import type { MiddlewareHandler } from "hono";
import type { Db } from "../../db/index.ts";
import { domainPolicies } from "../services/moderation/federation-policy.ts";
import { isInboxPost } from "./inbox-body-limit.ts";

/** The host of a URL (or of an acct: handle), or null. */
function hostOf(value: unknown): string | null {
  if (typeof value !== "string") return null;
  const acct = /^acct:[^@]+@(.+)$/.exec(value);
  if (acct) return acct[1]!.toLowerCase();
  return URL.canParse(value) ? new URL(value).host.toLowerCase() : null;
}

/** The key id of a draft-cavage Signature or an RFC 9421 Signature-Input header. */
function keyIdOf(headers: Headers): string | null {
  const cavage = /keyId="([^"]+)"/i.exec(headers.get("signature") ?? "");
  if (cavage) return cavage[1]!;
  const rfc = /keyid="([^"]+)"/i.exec(headers.get("signature-input") ?? "");
  return rfc ? rfc[1]! : null;
}

/** The actor named by an activity body, if it parses. */
async function actorOf(request: Request): Promise<unknown> {
  try {
    const body = (await request.clone().json()) as { actor?: unknown };
    const actor = Array.isArray(body?.actor) ? body.actor[0] : body?.actor;
    return typeof actor === "object" && actor !== null ? (actor as { id?: unknown }).id : actor;
  } catch {
    return null;
  }
}

/** Refuses inbox POSTs from refused domains with 403. */
export function inboxDomainGate(db: Db): MiddlewareHandler {
  return async (c, next) => {
    if (!isInboxPost(c)) return next();
    const hosts = [hostOf(keyIdOf(c.req.raw.headers)), hostOf(await actorOf(c.req.raw))].filter((h): h is string => h !== null);
    const policies = await domainPolicies(db, hosts);
    if ([...policies.values()].some((p) => p.refused)) return c.json({ error: "Domain not allowed" }, 403);
    await next();
  };
}
