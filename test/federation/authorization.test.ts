// What an activity may do: only to objects of its own actor's origin, and
// only the owner may update or delete. Mallory on M sends real, signed
// activities to A about bob@B's things; A must change nothing.
import { Announce, Create, Delete, Note, PUBLIC_COLLECTION, Tombstone, Update } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { followAcross, type Rig, type RigInstance, sendRaw, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance, m: RigInstance;
let alice: AccountRow, bob: AccountRow, mallory: AccountRow;

/** Sends a hand-made activity from mallory@M to alice@A, signed with mallory's real keys. */
const fromMallory = (activity: Create | Update | Delete | Announce) => sendRaw(rig, m, "mallory", `@alice@${a.host}`, activity);

beforeAll(async () => {
  rig = await startRig(["a", "b", "m"]);
  [a, b, m] = rig.instances as [RigInstance, RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  bob = await b.createAccount("bob");
  mallory = await m.createAccount("mallory");
  await followAcross(rig, a, alice, b, bob);
  await followAcross(rig, a, alice, m, mallory);
});
afterAll(async () => {
  await rig?.close();
});

describe("authorization of inbound activities", () => {
  it("ignores a Delete of someone else's status", async () => {
    const post = await b.post(bob, "bob's post stays");
    await rig.settle();
    await fromMallory(new Delete({
      id: new URL(`${mallory.uri}#delete-1`), actor: new URL(mallory.uri), object: new Tombstone({ id: new URL(post.uri) }),
    }));
    expect(await findStatusByUri(a.app.database.db, post.uri)).toBeDefined();
  });

  it("ignores an Update of someone else's status", async () => {
    const post = await b.post(bob, "original words");
    await rig.settle();
    await fromMallory(new Update({
      id: new URL(`${mallory.uri}#update-1`),
      actor: new URL(mallory.uri),
      object: new Note({ id: new URL(post.uri), attribution: new URL(bob.uri), content: "forged words", to: PUBLIC_COLLECTION }),
    }));
    expect((await findStatusByUri(a.app.database.db, post.uri))?.content).toContain("original words");
  });

  it("does not store a Create whose object claims another origin or author", async () => {
    const forgedUri = `${b.url.origin}/users/bob/statuses/999999999999999999`;
    await fromMallory(new Create({
      id: new URL(`${mallory.uri}#create-1`),
      actor: new URL(mallory.uri),
      object: new Note({ id: new URL(forgedUri), attribution: new URL(bob.uri), content: "forged post", to: PUBLIC_COLLECTION }),
    }));
    expect(await findStatusByUri(a.app.database.db, forgedUri)).toBeUndefined();
    const byMallory = `${m.url.origin}/users/mallory/statuses/1`;
    await fromMallory(new Create({
      id: new URL(`${mallory.uri}#create-2`),
      actor: new URL(mallory.uri),
      object: new Note({ id: new URL(byMallory), attribution: new URL(bob.uri), content: "attributed to bob", to: PUBLIC_COLLECTION }),
    }));
    expect(await findStatusByUri(a.app.database.db, byMallory)).toBeUndefined();
  });

  it("takes an announced object from its own origin, not from the Announce", async () => {
    const post = await b.post(bob, "the real words", { visibility: "public" });
    const stranger = await b.createAccount("stranger");
    const unseen = await b.post(stranger, "the real unseen words");
    await rig.settle();
    await fromMallory(new Announce({
      id: new URL(`${mallory.uri}#announce-1`),
      actor: new URL(mallory.uri),
      to: PUBLIC_COLLECTION,
      object: new Note({ id: new URL(unseen.uri), attribution: new URL(stranger.uri), content: "tampered words", to: PUBLIC_COLLECTION }),
    }));
    const fetched = await findStatusByUri(a.app.database.db, unseen.uri);
    expect(fetched?.content).toContain("the real unseen words");
    expect(fetched?.content).not.toContain("tampered");
    expect(post.id).toBeTruthy();
  });
});
