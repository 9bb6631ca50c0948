// One conversation across two instances, driven only through each side's
// Mastodon API and observed only through it: alice@A finds bob@B through A's
// search with resolve, follows him, and receives his posts (and his edit) on
// A's WebSocket user stream; her reply, favourite and boost, sent through A's
// API, show on B's API as the thread, the counts, the favourited_by and
// reblogged_by lists and bob's notifications; undoing them undoes it all on B.
// (Service-level federation of the same activities: interactions.test.ts.)
import type { LookupFunction } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { openSocket, payloadOf, type TestSocket } from "../helpers/streaming.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
let alice: string;
let bob: string;
let socket: TestSocket | null = null;

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  alice = await issueToken(a.app, (await a.createAccount("alice")).id);
  bob = await issueToken(b.app, (await b.createAccount("bob")).id);
});
afterAll(async () => {
  socket?.close();
  await rig?.close();
});

/** Calls an instance's API with a token; answers the status and the parsed JSON. */
async function api(instance: RigInstance, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) } };
  if (body) init.body = JSON.stringify(body);
  const response = await instance.app.fetch(new Request(new URL(path, instance.url), init));
  return { status: response.status, json: await response.json() };
}

async function ok(instance: RigInstance, token: string, method: string, path: string, body?: unknown): Promise<any> {
  const answer = await api(instance, token, method, path, body);
  expect(answer.status, `${method} ${path}: ${JSON.stringify(answer.json)}`).toBe(200);
  return answer.json;
}

// The ws client needs the rig's names and CA, which only fetch knows about.
const loopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
};

/** Bob's status on B as B's API shows it to bob. */
const onB = (id: string) => ok(b, bob, "GET", `/api/v1/statuses/${id}`);

/** Bob's notifications on B of a type about a status. */
async function bobsNotifications(type: string, statusId: string): Promise<any[]> {
  const listed = await ok(b, bob, "GET", `/api/v1/notifications?types[]=${type}`);
  expectEntities(listed, "Notification");
  return listed.filter((n: any) => n.status?.id === statusId);
}

describe("a conversation across instances, through the API", () => {
  let bobOnA: string;
  let bobsPost: { id: string; uri: string };
  let bobsPostOnA: string;

  it("alice finds bob with search and resolve, follows him, and his posts and edits reach her user stream", async () => {
    const found = await ok(a, alice, "GET", `/api/v2/search?q=${encodeURIComponent(`@bob@${b.host}`)}&resolve=true&type=accounts`);
    expectEntity(found, "Search");
    expect(found.accounts.map((x: any) => x.acct)).toEqual([`bob@${b.host}`]);
    bobOnA = found.accounts[0].id;
    await ok(a, alice, "POST", `/api/v1/accounts/${bobOnA}/follow`);
    await eventually(async () => (await ok(a, alice, "GET", `/api/v1/accounts/relationships?id[]=${bobOnA}`))[0].following, { what: "B to accept alice's follow" });

    socket = await openSocket(`wss://${a.host}/api/v1/streaming?stream=user&access_token=${alice}`, undefined, { ca: rig.caPem, lookup: loopback });
    bobsPost = await ok(b, bob, "POST", "/api/v1/statuses", { status: "hello from B, through B's API" });
    const update = await socket.waitFor((e) => e.event === "update", "bob's post on alice's stream");
    const streamed = payloadOf<{ id: string; uri: string; account: { acct: string } }>(update);
    expectEntity(streamed, "Status");
    expect(streamed).toMatchObject({ uri: bobsPost.uri, account: { acct: `bob@${b.host}` } });
    bobsPostOnA = streamed.id;

    await ok(b, bob, "PUT", `/api/v1/statuses/${bobsPost.id}`, { status: "hello from B, edited through B's API" });
    const edit = await socket.waitFor((e) => e.event === "status.update", "bob's edit on alice's stream");
    const edited = payloadOf<{ id: string; content: string; edited_at: string | null }>(edit);
    expectEntity(edited, "Status");
    expect(edited).toMatchObject({ id: bobsPostOnA, content: expect.stringContaining("edited through") });
    expect(edited.edited_at).not.toBeNull();
  });

  it("alice's reply through A's API joins the thread on B and notifies bob there", async () => {
    const reply = await ok(a, alice, "POST", "/api/v1/statuses", { status: `@bob@${b.host} hello back`, in_reply_to_id: bobsPostOnA });
    expect(reply.in_reply_to_id).toBe(bobsPostOnA);
    const context = await eventually(async () => {
      const thread = await ok(b, bob, "GET", `/api/v1/statuses/${bobsPost.id}/context`);
      return thread.descendants.length > 0 && thread;
    }, { what: "alice's reply on B" });
    expectEntity(context, "Context");
    expect(context.descendants.map((s: any) => [s.uri, s.account.acct, s.in_reply_to_id])).toEqual([[reply.uri, `alice@${a.host}`, bobsPost.id]]);
    expect((await onB(bobsPost.id)).replies_count).toBe(1);
    const mentions = await ok(b, bob, "GET", "/api/v1/notifications?types[]=mention");
    expect(mentions.map((n: any) => [n.account.acct, n.status.uri])).toEqual([[`alice@${a.host}`, reply.uri]]);

    // Deleting it through A's API takes it out of B's thread.
    await ok(a, alice, "DELETE", `/api/v1/statuses/${reply.id}`);
    await eventually(async () => (await ok(b, bob, "GET", `/api/v1/statuses/${bobsPost.id}/context`)).descendants.length === 0, { what: "the reply to leave B" });
    expect((await onB(bobsPost.id)).replies_count).toBe(0);
    // Its notification goes with it, as Mastodon's do with their activity.
    expect(await ok(b, bob, "GET", "/api/v1/notifications?types[]=mention")).toEqual([]);
  });

  it("alice's favourite and boost through A's API count on B, list her, and notify bob; undoing them undoes it", async () => {
    const favourited = await ok(a, alice, "POST", `/api/v1/statuses/${bobsPostOnA}/favourite`);
    expect(favourited).toMatchObject({ favourited: true, favourites_count: 1 });
    const boost = await ok(a, alice, "POST", `/api/v1/statuses/${bobsPostOnA}/reblog`);
    expect(boost.reblog).toMatchObject({ id: bobsPostOnA, reblogged: true, reblogs_count: 1 });

    const counted = await eventually(async () => {
      const status = await onB(bobsPost.id);
      return status.favourites_count === 1 && status.reblogs_count === 1 && status;
    }, { what: "the favourite and the boost to count on B" });
    expectEntity(counted, "Status");
    for (const list of ["favourited_by", "reblogged_by"]) {
      const accounts = await ok(b, bob, "GET", `/api/v1/statuses/${bobsPost.id}/${list}`);
      expectEntities(accounts, "Account");
      expect(accounts.map((x: any) => x.acct)).toEqual([`alice@${a.host}`]);
    }
    for (const type of ["favourite", "reblog"]) {
      const notified = await bobsNotifications(type, bobsPost.id);
      expect(notified.map((n: any) => n.account.acct), type).toEqual([`alice@${a.host}`]);
    }
    const follows = await ok(b, bob, "GET", "/api/v1/notifications?types[]=follow");
    expect(follows.map((n: any) => n.account.acct)).toEqual([`alice@${a.host}`]);

    await ok(a, alice, "POST", `/api/v1/statuses/${bobsPostOnA}/unfavourite`);
    const unboosted = await ok(a, alice, "POST", `/api/v1/statuses/${bobsPostOnA}/unreblog`);
    expect(unboosted).toMatchObject({ id: bobsPostOnA, reblogged: false, favourited: false });
    await eventually(async () => {
      const status = await onB(bobsPost.id);
      return status.favourites_count === 0 && status.reblogs_count === 0;
    }, { what: "the undoing to reach B" });
    for (const list of ["favourited_by", "reblogged_by"]) expect(await ok(b, bob, "GET", `/api/v1/statuses/${bobsPost.id}/${list}`)).toEqual([]);
    for (const type of ["favourite", "reblog"]) expect(await bobsNotifications(type, bobsPost.id), type).toEqual([]);
  });
});
