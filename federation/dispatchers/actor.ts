// The actor of each local account (and the instance actor), its key pairs, and
// handle mapping for WebFinger (acct:user@host, case-insensitive as Mastodon resolves it).
import type { Federation } from "@fedify/fedify";
import { findLocalAccountByUsername } from "../../db/queries/accounts.ts";
import { findKeyPairs } from "../../db/queries/key-pairs.ts";
import { INSTANCE_ACTOR } from "../../src/domain/instance-actor.ts";
import { isUnavailable } from "../../src/domain/account-state.ts";
import { importKeyPair, type JwkPair } from "../../src/domain/key-pairs.ts";
import type { ParleyContextData } from "../context.ts";
import { accountToActor } from "../mappers/account-to-actor.ts";
import { paths } from "../paths.ts";
import { instanceActor, instanceActorKeyPairs } from "./instance-actor.ts";

/** Registers the actor dispatcher, key pairs dispatcher and handle mapper. */
export function registerActorDispatcher(federation: Federation<ParleyContextData>): void {
  federation
    .setActorDispatcher(paths.actor, async (ctx, identifier) => {
      if (identifier === INSTANCE_ACTOR) return instanceActor(ctx);
      const account = await findLocalAccountByUsername(ctx.data.db, identifier);
      if (!account || account.username !== identifier) return null;
      const keys = isUnavailable(account) ? [] : await ctx.getActorKeyPairs(identifier);
      return accountToActor(ctx, account, keys);
    })
    .setKeyPairsDispatcher(async (ctx, identifier) => {
      if (identifier === INSTANCE_ACTOR) return instanceActorKeyPairs(ctx);
      const account = await findLocalAccountByUsername(ctx.data.db, identifier);
      if (!account) return [];
      const rows = await findKeyPairs(ctx.data.db, account.id);
      return Promise.all(
        rows.map((row) =>
          importKeyPair({
            algorithm: row.algorithm,
            privateJwk: JSON.parse(row.private_jwk),
            publicJwk: JSON.parse(row.public_jwk),
          } satisfies JwkPair)
        ),
      );
    })
    .mapHandle(async (ctx, username) => {
      if (username === INSTANCE_ACTOR) return INSTANCE_ACTOR;
      const account = await findLocalAccountByUsername(ctx.data.db, username);
      return account && !isUnavailable(account) ? account.username : null;
    });
}
