// Hostile input, visibility leaks across instances (issue 4), on the rig:
// bob@b posts a followers-only status (alice@a follows him), a direct one to
// alice, and public ones after blocking val@a; each carries a unique canary.
// carol@c follows nobody. One table of cases, one per surface: c never
// receives the private ones, dereferencing them (unsigned, or signed by c)
// and reading bob's outbox give nothing, and on a, where the statuses are
// stored, val sees none of them through the API or streaming.
import { randomBytes } from "node:crypto";
import { signRequest } from "@fedify/fedify";
import { afterAll, beforeAll, describe, expect } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { type Case, runCases } from "../helpers/case-table.ts";
import { readEventStream, type TestEventStream } from "../helpers/streaming.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

const canary = (what: string) => `canary${what}${randomBytes(6).toString("hex")}`;
const CANARIES = { priv: canary("priv"), dm: canary("dm"), block: canary("block"), edited: canary("edited") };
const ALL = Object.values(CANARIES);
// bob's post after the block is public: only val must not see it.
const NOT_PUBLIC = [CANARIES.priv, CANARIES.dm, CANARIES.edited];
const TAG = `fedleak${randomBytes(3).toString("hex")}`;

let rig: Rig;
let a: RigInstance, b: RigInstance, c: RigInstance;
let alice: AccountRow, val: AccountRow, bob: AccountRow, carol: AccountRow;
let valToken: string;
let uris: { priv: string; dm: string; block: string };
let valStreams: TestEventStream[] = [];

const AP = "application/activity+json";

/** A GET signed with carol@c's key (c has no follower of bob), or with alice@a's (a follower) for the control. */
async function signedGet(from: RigInstance, username: string, url: string): Promise<Response> {
  const ctx = from.app.federation.createContext(from.url, from.app.contextData);
  const [key] = await ctx.getActorKeyPairs(username);
  const request = new Request(url, { headers: { Accept: AP } });
  return fetch(await signRequest(request, key!.privateKey, key!.keyId, { spec: "draft-cavage-http-signatures-12" }));
}

async function leakFree(response: Response | Promise<Response>, where: string, canaries = ALL): Promise<{ status: number; body: string }> {
  const answer = await response;
  const body = await answer.text();
  for (const c of canaries) expect(body, `${c} leaked from ${where}`).not.toContain(c);
  return { status: answer.status, body };
}

/** GETs the path of a's API as val; nothing may leak. */
const asVal = async (path: string) => (await leakFree(fetch(new URL(path, a.url), { headers: { Authorization: `Bearer ${valToken}` } }), `${path} on a`)).status;

/** The rows of an instance's database holding a canary (statuses, edits, notifications' statuses). */
async function canariesStoredOn(instance: RigInstance): Promise<string[]> {
  const rows = await instance.app.database.db.selectFrom("statuses").select(["content", "uri"]).execute();
  return rows.filter((row) => ALL.some((c) => row.content.includes(c))).map((row) => row.uri);
}

/** Every page of an OrderedCollection, following `first` and `next`, as seen by `get`. */
async function collectionPages(url: string, get: (url: string) => Promise<Response>): Promise<string[]> {
  const pages: string[] = [];
  const root = await leakFree(get(url), url, NOT_PUBLIC);
  expect(root.status).toBe(200);
  pages.push(root.body);
  const first = JSON.parse(root.body).first;
  let next: string | undefined = typeof first === "string" ? first : first?.id;
  for (let i = 0; next && i < 5; i++) {
    const page = await leakFree(get(next), next, NOT_PUBLIC);
    expect(page.status).toBe(200);
    pages.push(page.body);
    const after = JSON.parse(page.body).next;
    next = typeof after === "string" ? after : after?.id;
  }
  return pages;
}

const cases: Case[] = [
  {
    name: "control: a follower's instance stored the followers-only and direct statuses, and a stores bob's posts after the block",
    async run() {
      expect((await findStatusByUri(a.app.database.db, uris.priv))?.content).toContain(CANARIES.edited);
      const boostsOnA = await a.app.database.db.selectFrom("statuses").select("id").where("reblog_of_id", "=", (await findStatusByUri(a.app.database.db, uris.priv))!.id).execute();
      expect(boostsOnA).toHaveLength(1);
      expect((await findStatusByUri(a.app.database.db, uris.dm))?.content).toContain(CANARIES.dm);
      expect((await findStatusByUri(a.app.database.db, uris.block))?.content).toContain(CANARIES.block);
      // The same timeline val reads shows bob's public post to anyone else.
      expect(await (await fetch(new URL("/api/v1/timelines/public?remote=true", a.url))).text()).toContain(CANARIES.block);
    },
  },
  {
    name: "delivery: c, with no follower of bob, never received any of them, nor their edit or boost",
    async run() {
      expect(await canariesStoredOn(c)).toEqual([]);
      expect(await c.app.database.db.selectFrom("statuses").select("id").where("reblog_of_id", "is not", null).execute()).toEqual([]);
      const received = await c.app.database.db.selectFrom("notifications").select("id").where("account_id", "=", carol.id).execute();
      expect(received).toEqual([]);
    },
  },
  {
    name: "dereferencing: unsigned GETs of the hidden notes and their activities give nothing",
    async run() {
      for (const uri of [uris.priv, uris.dm]) {
        expect([401, 403, 404, 410]).toContain((await leakFree(fetch(uri, { headers: { Accept: AP } }), uri)).status);
        expect((await leakFree(fetch(`${uri}/activity`, { headers: { Accept: AP } }), `${uri}/activity`)).status).not.toBe(200);
      }
    },
  },
  {
    name: "dereferencing: GETs signed by c (no follower) give nothing; signed by a follower they work",
    async run() {
      for (const uri of [uris.priv, uris.dm]) {
        expect([401, 403, 404, 410]).toContain((await leakFree(signedGet(c, "carol", uri), `${uri} signed by c`)).status);
      }
      const control = await signedGet(a, "alice", uris.priv);
      expect(control.status).toBe(200);
      expect(await control.text()).toContain(CANARIES.edited);
    },
  },
  {
    name: "dereferencing: bob's public post, signed by val@a whom bob blocks, gives nothing (signed by alice it works)",
    async run() {
      expect([401, 403, 404, 410]).toContain((await leakFree(signedGet(a, "val", uris.block), `${uris.block} signed by val`)).status);
      const control = await signedGet(a, "alice", uris.block);
      expect(control.status).toBe(200);
      expect(await control.text()).toContain(CANARIES.block);
    },
  },
  {
    name: "bob's outbox signed by val@a, whom bob blocks, lists none of bob's posts",
    async run() {
      const pages = await collectionPages(new URL("/users/bob/outbox", b.url).href, (url) => signedGet(a, "val", url));
      for (const page of pages) {
        expect(page).not.toContain(CANARIES.block);
        expect(page).not.toContain("public marker");
      }
    },
  },
  {
    name: "bob's outbox, unsigned and signed by c, lists none of them",
    async run() {
      const outbox = new URL("/users/bob/outbox", b.url).href;
      const unsigned = await collectionPages(outbox, (url) => fetch(url, { headers: { Accept: AP } }));
      const signed = await collectionPages(outbox, (url) => signedGet(c, "carol", url));
      // bob's public posts are there: the pages were read, not empty by accident.
      expect(unsigned.join("")).toContain("public marker");
      expect(signed.join("")).toContain("public marker");
    },
  },
  {
    name: "on a, val (not a follower, blocked by bob) gets 404 for each of them, and for their context",
    async run() {
      for (const uri of [uris.priv, uris.dm, uris.block]) {
        const stored = (await findStatusByUri(a.app.database.db, uri))!;
        expect(await asVal(`/api/v1/statuses/${stored.id}`)).toBe(404);
        expect(await asVal(`/api/v1/statuses/${stored.id}/context`)).toBe(404);
        expect(await asVal(`/api/v1/statuses/${stored.id}/favourited_by`)).toBe(404);
      }
    },
  },
  {
    name: "on a, val's timelines (home, public, remote, hashtag) leave them out",
    async run() {
      for (const path of ["/api/v1/timelines/home", "/api/v1/timelines/public", "/api/v1/timelines/public?remote=true", `/api/v1/timelines/tag/${TAG}`]) {
        expect(await asVal(path)).toBe(200);
      }
    },
  },
  {
    name: "on a, bob's account statuses, search by canary and by URI, notifications and conversations leave them out",
    async run() {
      const bobOnA = await a.resolve(`@bob@${b.host}`);
      expect(await asVal(`/api/v1/accounts/${bobOnA.id}/statuses`)).toBe(200);
      for (const q of [...ALL, uris.priv, uris.dm, uris.block]) expect(await asVal(`/api/v2/search?q=${encodeURIComponent(q)}&resolve=true`)).toBe(200);
      for (const path of ["/api/v1/notifications", "/api/v2/notifications", "/api/v1/conversations"]) expect(await asVal(path)).toBe(200);
    },
  },
  {
    name: "on a, val's public, hashtag and user streams carried the control and no canary",
    async run() {
      for (const stream of valStreams) {
        expect(stream.events.some((e) => e.payload?.includes("controlpost"))).toBe(true);
        for (const c of ALL) expect(stream.text()).not.toContain(c);
      }
    },
  },
];

beforeAll(async () => {
  rig = await startRig(["a", "b", "c"]);
  [a, b, c] = rig.instances as [RigInstance, RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  val = await a.createAccount("val");
  bob = await b.createAccount("bob");
  carol = await c.createAccount("carol");
  valToken = await issueToken(a.app, val.id);
  await followAcross(rig, a, alice, b, bob);
  await followAcross(rig, a, val, b, bob);
  // val follows alice, who boosts bob's public post below; bob then blocks val.
  const followed = await a.app.services.followAccount({ followerId: val.id, targetId: alice.id, origin: "local" });
  if (!followed.ok) throw new Error(followed.message);
  const valOnB = await b.resolve(`@val@${a.host}`);
  expect((await fetch(new URL(`/api/v1/accounts/${valOnB.id}/block`, b.url), { method: "POST", headers: { Authorization: `Bearer ${await issueToken(b.app, bob.id)}` } })).status).toBe(200);
  await rig.settle();

  const streams = ["/api/v1/streaming/public", `/api/v1/streaming/hashtag?tag=${TAG}`, "/api/v1/streaming/user"];
  valStreams = await Promise.all(streams.map(async (path) => readEventStream(await fetch(new URL(`${path}${path.includes("?") ? "&" : "?"}access_token=${valToken}`, a.url)))));

  await b.post(bob, `public marker #${TAG}`);
  const priv = await b.post(bob, `${CANARIES.priv} #${TAG}`, { visibility: "private" });
  const dm = await b.post(bob, `@alice@${a.host} ${CANARIES.dm} #${TAG}`, { visibility: "direct" });
  const block = await b.post(bob, `${CANARIES.block} #${TAG}`);
  uris = { priv: priv.uri, dm: dm.uri, block: block.uri };
  // An edit (Update) and a boost by the author (Announce) of the followers-only status travel too.
  const bobToken = await issueToken(b.app, bob.id);
  const onB = (path: string, method: string, body?: unknown) =>
    fetch(new URL(path, b.url), { method, headers: { Authorization: `Bearer ${bobToken}`, "Content-Type": "application/json" }, ...(body ? { body: JSON.stringify(body) } : {}) });
  expect((await onB(`/api/v1/statuses/${priv.id}`, "PUT", { status: `${CANARIES.edited} #${TAG}` })).status).toBe(200);
  expect((await onB(`/api/v1/statuses/${priv.id}/reblog`, "POST")).status).toBe(200);
  await rig.settle();
  const blockOnA = await eventually(() => findStatusByUri(a.app.database.db, block.uri), { what: "bob's public post to reach a" });
  const boosted = await a.app.services.reblogStatus({ accountId: alice.id, statusId: blockOnA.id, origin: "local" });
  if (!boosted.ok) throw new Error(boosted.message);
  const control = await a.post(alice, `controlpost #${TAG}`);
  expect(control.id).toBeTruthy();
  for (const stream of valStreams) await stream.waitFor((e) => e.payload?.includes("controlpost") ?? false, "the control on val's streams");
  await rig.settle();
});
afterAll(async () => {
  for (const stream of valStreams) await stream.close();
  await rig?.close();
});

describe("hostile input: visibility leaks across instances", () => {
  runCases("visibility (federation)", cases);
});
