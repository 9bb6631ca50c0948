// The instance actor (Fedify's instance actor pattern): an Application at
// /users/instance.actor with keys of its own, made on first use. It signs what
// Parley sends as a server, such as forwarded reports (Flag), as Mastodon's
// instance actor does.
import { Application, Endpoints } from "@fedify/vocab";
import { findInstanceActorKeys, insertInstanceActorKeys } from "../../db/queries/instance-actor-keys.ts";
import { INSTANCE_ACTOR } from "../../src/domain/instance-actor.ts";
import { generateActorKeyPairs, importKeyPair } from "../../src/domain/key-pairs.ts";
import type { ParleyContext } from "../context.ts";

/** The instance actor's key pairs, generated and stored the first time they are asked for. */
export async function instanceActorKeyPairs(ctx: ParleyContext): Promise<CryptoKeyPair[]> {
  let rows = await findInstanceActorKeys(ctx.data.db);
  if (rows.length === 0) {
    const now = Date.now();
    const fresh = await generateActorKeyPairs();
    await insertInstanceActorKeys(ctx.data.db, fresh.map((p) => ({
      algorithm: p.algorithm,
      private_jwk: JSON.stringify(p.privateJwk),
      public_jwk: JSON.stringify(p.publicJwk),
      created_at: now,
    })));
    rows = await findInstanceActorKeys(ctx.data.db);
  }
  return Promise.all(rows.map((row) =>
    importKeyPair({ algorithm: row.algorithm, privateJwk: JSON.parse(row.private_jwk), publicJwk: JSON.parse(row.public_jwk) })
  ));
}

/** The instance actor's document. */
export async function instanceActor(ctx: ParleyContext): Promise<Application> {
  const keys = await ctx.getActorKeyPairs(INSTANCE_ACTOR);
  return new Application({
    id: ctx.getActorUri(INSTANCE_ACTOR),
    preferredUsername: INSTANCE_ACTOR,
    name: ctx.data.uris.host,
    url: new URL(ctx.data.uris.origin),
    inbox: ctx.getInboxUri(INSTANCE_ACTOR),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    // Nobody follows a server (Mastodon's instance actor locks itself too).
    manuallyApprovesFollowers: true,
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  });
}
