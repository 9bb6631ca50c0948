// NodeInfo 2.1: software name and version, usage counts, registrations.
import type { Federation } from "@fedify/fedify";
import { countLocalAccounts } from "../../db/queries/accounts.ts";
import { countLocalStatuses } from "../../db/queries/statuses.ts";
import type { ParleyContextData } from "../context.ts";
import { paths } from "../paths.ts";

export interface NodeInfoFacts {
  version: string;
  openRegistrations: boolean;
}

/** Registers the NodeInfo dispatcher (Fedify serves /.well-known/nodeinfo). */
export function registerNodeInfoDispatcher(federation: Federation<ParleyContextData>, facts: NodeInfoFacts): void {
  federation.setNodeInfoDispatcher(paths.nodeinfo, async (ctx) => {
    const [users, localPosts] = await Promise.all([countLocalAccounts(ctx.data.db), countLocalStatuses(ctx.data.db)]);
    return {
      software: { name: "parley", version: facts.version, homepage: new URL(ctx.canonicalOrigin) },
      protocols: ["activitypub"],
      services: { inbound: [], outbound: [] },
      openRegistrations: facts.openRegistrations,
      usage: { users: { total: users }, localPosts, localComments: 0 },
      // Clients that choose their API adapter from NodeInfo (megalodon, so Whalebird) know a
      // server by software.name, or take `upstream.name: "mastodon"` for Mastodon's client API.
      // Parley implements that API (docs/adr/0016-nodeinfo-mastodon-api-hint.md).
      metadata: { upstream: { name: "mastodon" } },
    };
  });
}
