// A local account as an ActivityPub actor (Person, or Service for bots).
import { Endpoints, Image, Person, PropertyValue, Service, Tombstone } from "@fedify/vocab";
import type { ActorKeyPair } from "@fedify/fedify";
import { instantAt } from "./instant.ts";
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { AccountField } from "../../db/schema/index.ts";
import type { ParleyContext } from "../context.ts";

/** Builds the actor document of a local account; a deleted or suspended account is a Tombstone (answered with 410). */
export function accountToActor(ctx: ParleyContext, account: AccountRow, keys: ActorKeyPair[]): Person | Service | Tombstone {
  const id = ctx.getActorUri(account.username);
  const gone = account.deleted_at ?? account.suspended_at;
  if (gone !== null) {
    return new Tombstone({ id, deleted: instantAt(gone) });
  }
  const fields = JSON.parse(account.fields) as AccountField[];
  const values = {
    id,
    preferredUsername: account.username,
    name: account.display_name || account.username,
    summary: account.note,
    url: new URL(ctx.data.uris.profileUrl(account.username)),
    inbox: ctx.getInboxUri(account.username),
    endpoints: new Endpoints({ sharedInbox: ctx.getInboxUri() }),
    outbox: ctx.getOutboxUri(account.username),
    followers: ctx.getFollowersUri(account.username),
    following: ctx.getFollowingUri(account.username),
    featured: ctx.getFeaturedUri(account.username),
    manuallyApprovesFollowers: account.locked === 1,
    discoverable: account.discoverable === 1,
    indexable: account.discoverable === 1,
    published: instantAt(account.created_at),
    icon: account.avatar_url ? new Image({ url: new URL(account.avatar_url) }) : null,
    image: account.header_url ? new Image({ url: new URL(account.header_url) }) : null,
    attachments: fields.map((f) => new PropertyValue({ name: f.name, value: f.value })),
    // The accounts this one was known as: what a Move from them is checked against.
    aliases: (JSON.parse(account.also_known_as) as string[]).map((uri) => new URL(uri)),
    // HTTP Signatures use the RSA key; Object Integrity Proofs the Ed25519 one (FEP-8b32).
    publicKey: keys[0]?.cryptographicKey ?? null,
    assertionMethods: keys.map((k) => k.multikey),
  };
  return account.actor_type === "Service" ? new Service(values) : new Person(values);
}
