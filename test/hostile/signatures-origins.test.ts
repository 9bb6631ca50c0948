// Hostile input, signatures and origins (issue 4): real HTTP to a real
// instance. First raw POSTs to alice@A's inbox, signed wrongly in every way
// (refused with 401, nothing stored); then activities signed correctly by
// mallory@M that act on what belongs to others (accepted or not, nothing
// changes), and Move. test/federation/authorization.test.ts holds the
// forged Create, Update and Delete of a post and the tampered Announce.
import { Accept, Announce, Delete, Follow, Move, Note, Person, PUBLIC_COLLECTION, Undo, Update } from "@fedify/vocab";
import { afterAll, beforeAll, expect } from "vitest";
import { type AccountRow, findAccountByUri } from "../../db/queries/accounts.ts";
import { findFollow } from "../../db/queries/follows.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { eventually, followAcross, type Rig, type RigInstance, sendRaw, startRig } from "../rig/rig.ts";
import { type Delivery, deliverRaw, type Signer, signerOf } from "./raw-delivery.ts";
import { type HostileCase, runTable } from "./table.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance, m: RigInstance;
let alice: AccountRow, bob: AccountRow, carol: AccountRow, bob2: AccountRow, mallory: AccountRow, mallory2: AccountRow;
let onA: Record<string, AccountRow>;

const signers: Record<string, Signer> = {};

let serial = 0;
/** A Create of a fresh public Note by `actor`, mentioning alice so that A would store it. */
function createNote(actor: AccountRow) {
  const n = ++serial;
  const uri = `${new URL(actor.uri).origin}/users/${actor.username}/statuses/raw-${n}`;
  return {
    uri,
    json: {
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${actor.uri}#raw-create-${n}`,
      type: "Create",
      actor: actor.uri,
      to: [PUBLIC_COLLECTION.href, alice.uri],
      object: {
        id: uri, type: "Note", attributedTo: actor.uri, content: `raw ${n}`,
        to: [PUBLIC_COLLECTION.href, alice.uri], tag: [{ type: "Mention", href: alice.uri }],
      },
    },
  };
}

const deliver = (json: unknown, delivery: Delivery) => deliverRaw(new URL("/users/alice/inbox", a.url), json, delivery);

/** A raw delivery of a fresh Create that must be refused with `status`, storing nothing. */
function refusedDelivery(name: string, status: number, make: () => { json: unknown; uri: string; delivery: Delivery }): HostileCase {
  return {
    name,
    async run() {
      const { json, uri, delivery } = make();
      const response = await deliver(json, delivery);
      expect(response.status, name).toBe(status);
      await rig.settle();
      expect(await findStatusByUri(a.app.database.db, uri)).toBeUndefined();
    },
  };
}

const HOUR = 3_600_000;

const signatureCases: HostileCase[] = [
  {
    name: "control: a correctly signed Create is accepted and stored",
    async run() {
      const { json, uri } = createNote(mallory);
      expect((await deliver(json, { signer: signers.mallory })).status).toBe(202);
      await eventually(() => findStatusByUri(a.app.database.db, uri), { what: "the control post" });
    },
  },
  refusedDelivery("unsigned", 401, () => ({ ...createNote(mallory), delivery: {} })),
  refusedDelivery("signed with a key that is not the actor's", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: { key: signers.stranger!.key, keyId: signers.mallory!.keyId } },
  })),
  refusedDelivery("signature made 13 hours ago (outside the time window)", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: signers.mallory, at: Date.now() - 13 * HOUR },
  })),
  refusedDelivery("signature made 2 hours in the future", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: signers.mallory, at: Date.now() + 2 * HOUR },
  })),
  refusedDelivery("body changed after signing (digest mismatch)", 401, () => {
    const signed = createNote(mallory);
    const sent = createNote(mallory);
    return { json: signed.json, uri: sent.uri, delivery: { signer: signers.mallory, sentBody: JSON.stringify(sent.json) } };
  }),
  refusedDelivery("key id on another host than the actor", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: signers.bob },
  })),
  refusedDelivery("actor and key owner differ on the same host", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: signers.mallory2 },
  })),
  refusedDelivery("signed by mallory, claiming to be bob", 401, () => ({
    ...createNote(bob),
    delivery: { signer: signers.mallory },
  })),
  refusedDelivery("key id that does not exist", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: { key: signers.mallory!.key, keyId: new URL(`${mallory.uri}#no-such-key`) } },
  })),
  refusedDelivery("key id on a host that does not answer", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: { key: signers.mallory!.key, keyId: new URL("https://nowhere.parley.test/users/x#main-key") } },
  })),
  {
    name: "control: a correct RFC 9421 signature is accepted too",
    async run() {
      const { json, uri } = createNote(mallory);
      expect((await deliver(json, { signer: signers.mallory, rfc9421: true })).status).toBe(202);
      await eventually(() => findStatusByUri(a.app.database.db, uri), { what: "the RFC 9421 post" });
    },
  },
  refusedDelivery("RFC 9421 signature made 13 hours ago", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: signers.mallory, at: Date.now() - 13 * HOUR, rfc9421: true },
  })),
  refusedDelivery("RFC 9421 signature by another actor's key", 401, () => ({
    ...createNote(mallory),
    delivery: { signer: signers.mallory2, rfc9421: true },
  })),
  refusedDelivery("RFC 9421 signature, body changed after signing", 401, () => {
    const signed = createNote(mallory);
    const sent = createNote(mallory);
    return { json: signed.json, uri: sent.uri, delivery: { signer: signers.mallory, rfc9421: true, sentBody: JSON.stringify(sent.json) } };
  }),
  refusedDelivery("a body that is not JSON", 400, () => ({
    json: null, uri: "https://nowhere.parley.test/none",
    delivery: { signer: signers.mallory, sentBody: "{not json" },
  })),
];

/** Sends a correctly signed activity from mallory@M to alice@A (and waits for the rig to settle). */
const fromMallory = (activity: Parameters<typeof sendRaw>[4]) => sendRaw(rig, m, "mallory", `@alice@${a.host}`, activity);
const row = (uri: string) => findAccountByUri(a.app.database.db, uri);
const follows = (follower: AccountRow, target: AccountRow, table: "follows" | "follow_requests" = "follows") =>
  findFollow(a.app.database.db, table, follower.id, target.id);

const originCases: HostileCase[] = [
  {
    name: "Update of another actor's profile",
    async run() {
      await fromMallory(new Update({
        id: new URL(`${mallory.uri}#update-bob`), actor: new URL(mallory.uri),
        object: new Person({ id: new URL(bob.uri), name: "forged bob", inbox: new URL(`${m.url.origin}/inbox`) }),
      }));
      expect((await row(bob.uri))?.display_name).not.toBe("forged bob");
      expect((await row(bob.uri))?.inbox_url).toBe(onA.bob!.inbox_url);
    },
  },
  {
    name: "Delete of another actor",
    async run() {
      await fromMallory(new Delete({ id: new URL(`${mallory.uri}#delete-bob`), actor: new URL(mallory.uri), object: new URL(bob.uri) }));
      expect((await row(bob.uri))?.deleted_at).toBeNull();
      expect(await follows(alice, onA.bob!)).toBeDefined();
    },
  },
  {
    name: "Update of another's post, attributed to the sender",
    async run() {
      const post = await b.post(bob, "bob's own words");
      await rig.settle();
      await fromMallory(new Update({
        id: new URL(`${mallory.uri}#update-post`), actor: new URL(mallory.uri),
        object: new Note({ id: new URL(post.uri), attribution: new URL(mallory.uri), content: "forged", to: PUBLIC_COLLECTION }),
      }));
      const stored = await findStatusByUri(a.app.database.db, post.uri);
      expect(stored?.content).toContain("bob's own words");
      expect(stored?.account_id).toBe(onA.bob!.id);
    },
  },
  {
    name: "Announce of an object that claims another origin's author",
    async run() {
      const uri = `${m.url.origin}/users/mallory/statuses/claims-bob`;
      await fromMallory(new Announce({
        id: new URL(`${mallory.uri}#announce-claims`), actor: new URL(mallory.uri), to: PUBLIC_COLLECTION,
        object: new Note({ id: new URL(uri), attribution: new URL(bob.uri), content: "bob never said this", to: PUBLIC_COLLECTION }),
      }));
      expect(await findStatusByUri(a.app.database.db, uri)).toBeUndefined();
      expect(await findStatusByUri(a.app.database.db, `${mallory.uri}#announce-claims`)).toBeUndefined();
    },
  },
  {
    name: "Undo of another actor's Follow",
    async run() {
      await fromMallory(new Undo({
        id: new URL(`${mallory.uri}#undo-bob-follow`), actor: new URL(mallory.uri),
        object: new Follow({ id: new URL(`${bob.uri}#follow`), actor: new URL(bob.uri), object: new URL(alice.uri) }),
      }));
      expect(await follows(onA.bob!, alice)).toBeDefined();
    },
  },
  {
    name: "Accept of a follow request sent to someone else",
    async run() {
      const request = await follows(alice, onA.carol!, "follow_requests");
      expect(request).toBeDefined();
      await fromMallory(new Accept({
        id: new URL(`${mallory.uri}#accept-carol`), actor: new URL(mallory.uri),
        object: new Follow({ id: new URL(request!.uri), actor: new URL(alice.uri), object: new URL(carol.uri) }),
      }));
      expect(await follows(alice, onA.carol!)).toBeUndefined();
      expect(await follows(alice, onA.carol!, "follow_requests")).toBeDefined();
    },
  },
  {
    name: "Move to an account whose alsoKnownAs does not point back",
    async run() {
      await fromMallory(new Move({ id: new URL(`${mallory.uri}#move-bob`), actor: new URL(mallory.uri), object: new URL(mallory.uri), target: new URL(bob.uri) }));
      expect((await row(mallory.uri))?.moved_to_account_id).toBeNull();
      expect(await follows(alice, onA.mallory!)).toBeDefined();
      expect(await follows(alice, onA.bob!)).toBeDefined();
    },
  },
  {
    name: "Move whose embedded target claims an alsoKnownAs its origin does not serve",
    async run() {
      await fromMallory(new Move({
        id: new URL(`${mallory.uri}#move-embedded`), actor: new URL(mallory.uri), object: new URL(mallory.uri),
        target: new Person({ id: new URL(carol.uri), aliases: [new URL(mallory.uri)], inbox: new URL(`${b.url.origin}/users/carol/inbox`) }),
      }));
      expect((await row(mallory.uri))?.moved_to_account_id).toBeNull();
      expect(await follows(alice, onA.mallory!)).toBeDefined();
      expect(await follows(alice, onA.carol!, "follow_requests")).toBeDefined();
      expect(JSON.parse((await row(carol.uri))!.also_known_as)).toEqual([]);
    },
  },
  {
    name: "Move of another actor",
    async run() {
      await fromMallory(new Move({ id: new URL(`${mallory.uri}#move-bob-away`), actor: new URL(mallory.uri), object: new URL(bob.uri), target: new URL(bob2.uri) }));
      expect((await row(bob.uri))?.moved_to_account_id).toBeNull();
      expect(await follows(alice, onA.bob!)).toBeDefined();
    },
  },
  {
    name: "control: Move to an account whose alsoKnownAs points back migrates the followers",
    async run() {
      await fromMallory(new Move({ id: new URL(`${mallory.uri}#move-bob2`), actor: new URL(mallory.uri), object: new URL(mallory.uri), target: new URL(bob2.uri) }));
      const bob2OnA = await eventually(() => row(bob2.uri), { what: "bob2 on A" });
      expect((await row(mallory.uri))?.moved_to_account_id).toBe(bob2OnA.id);
      expect(await follows(alice, onA.mallory!)).toBeUndefined();
      expect(await follows(alice, bob2OnA)).toBeDefined();
      // B heard of it: alice follows bob2 there too.
      await eventually(() => findFollow(b.app.database.db, "follows", onB.alice!.id, bob2.id).then(async (f) => f ?? (await rig.settle(), null)), { what: "the follow on B" });
    },
  },
];

let onB: Record<string, AccountRow>;

beforeAll(async () => {
  rig = await startRig(["a", "b", "m"]);
  [a, b, m] = rig.instances as [RigInstance, RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  bob = await b.createAccount("bob");
  carol = await b.createAccount("carol", { locked: true });
  bob2 = await b.createAccount("bob2");
  mallory = await m.createAccount("mallory");
  mallory2 = await m.createAccount("mallory2");
  const stranger = await m.createAccount("stranger");
  // bob2 is where mallory moves to: it names mallory as a former account.
  await b.app.database.db.updateTable("accounts").set({ also_known_as: JSON.stringify([mallory.uri]) }).where("id", "=", bob2.id).execute();
  onA = {
    bob: await followAcross(rig, a, alice, b, bob),
    mallory: await followAcross(rig, a, alice, m, mallory),
    carol: await followAcross(rig, a, alice, b, carol),
  };
  await followAcross(rig, b, bob, a, alice);
  onA.bob = (await row(bob.uri))!;
  onB = { alice: (await findAccountByUri(b.app.database.db, alice.uri))! };
  for (const [name, instance, account] of [["mallory", m, mallory], ["mallory2", m, mallory2], ["stranger", m, stranger], ["bob", b, bob]] as const) {
    signers[name] = await signerOf(instance, account);
  }
});
afterAll(async () => {
  await rig?.close();
});

runTable("signatures and origins", [...signatureCases, ...originCases]);
