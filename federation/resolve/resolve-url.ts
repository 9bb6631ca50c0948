// Finds what a URL pasted into search stands for: a known status or account
// (by its id or web address), or a remote object fetched from its origin now
// (one lookup, through the Context so the SSRF policy applies) and stored
// through the usual paths (upsertRemoteAccount, createStatus).
import { isActor, Object as APObject } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import { findAccountByUriOrUrl, findStatusByUriOrUrl } from "../../db/queries/url-lookup.ts";
import type { ResolvedUrl } from "../../src/services/search/search.ts";
import type { ParleyContext } from "../context.ts";
import { resolveAccount, storeActor } from "./resolve-account.ts";
import { storeRemoteObject } from "./resolve-status.ts";
import { lookupRemote } from "./lookup-remote.ts";

const logger = getLogger(["parley", "federation", "resolve"]);

/** The account or status behind a URL; null when there is none or it can't be had. */
export async function resolveUrl(ctx: ParleyContext, url: URL): Promise<ResolvedUrl | null> {
  const db = ctx.data.db;
  const status = await findStatusByUriOrUrl(db, url.href);
  if (status) return { kind: "status", status };
  const account = await findAccountByUriOrUrl(db, url.href);
  if (account) return { kind: "account", account };
  if (ctx.data.uris.isLocal(url.href)) return null;
  try {
    // Fedify ignores a document whose id is on another origin than the URL asked for.
    const object = await lookupRemote(ctx, url.href);
    if (isActor(object)) {
      const stored = await storeActor(ctx, object);
      return stored ? { kind: "account", account: stored } : null;
    }
    if (!(object instanceof APObject) || !object.id || !object.attributionId) return null;
    const known = await findStatusByUriOrUrl(db, object.id.href);
    if (known) return { kind: "status", status: known };
    const author = await resolveAccount(ctx, object.attributionId);
    const stored = author ? await storeRemoteObject(ctx, object, author) : null;
    return stored ? { kind: "status", status: stored } : null;
  } catch (error) {
    logger.info("Could not resolve {url}: {error}", { url: url.href, error });
    return null;
  }
}
