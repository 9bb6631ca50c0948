// Federated statuses stream like local ones: an inbound Create goes through
// the same createStatus, so its event reaches the follower's user stream on
// the receiving instance, over a real WebSocket on the rig's HTTPS port.
import type { LookupFunction } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntity } from "../helpers/openapi.ts";
import { openSocket, payloadOf, type TestSocket } from "../helpers/streaming.ts";
import { issueToken } from "../helpers/tokens.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await rig?.close();
});

// The rig's names resolve to loopback only inside fetch; the ws client needs the same answer and CA.
const loopback: LookupFunction = (_hostname, options, callback) => {
  if (options.all) callback(null, [{ address: "127.0.0.1", family: 4 }]);
  else callback(null, "127.0.0.1", 4);
};

function openOn(instance: RigInstance, query: string): Promise<TestSocket> {
  return openSocket(`wss://${instance.host}/api/v1/streaming${query}`, undefined, { ca: rig.caPem, lookup: loopback });
}

describe("streaming federated statuses", () => {
  it("streams B's post to its follower's user stream on A", async () => {
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    await followAcross(rig, a, alice, b, bob);
    const token = await issueToken(a.app, alice.id);
    const socket = await openOn(a, `?stream=user&access_token=${token}`);
    sockets.push(socket);

    const publicStreams = await openOn(a, `?stream=public:remote&access_token=${token}`);
    sockets.push(publicStreams);
    publicStreams.send({ type: "subscribe", stream: "public:local" });
    await publicStreams.settle();
    const posted = await b.post(bob, "hello from across the network");
    const update = await socket.waitFor((e) => e.event === "update", "B's post on A's stream");
    expect(update.stream).toEqual(["user"]);
    const status = payloadOf<{ uri: string; content: string; account: { acct: string } }>(update);
    expectEntity(status, "Status");
    expect(status.uri).toBe(posted.uri);
    expect(status.content).toContain("hello from across the network");
    expect(status.account.acct).toBe(`bob@${b.host}`);

    // A remote public post is on public:remote, not on public:local (both go out in the same dispatch).
    const remote = await publicStreams.waitFor((e) => e.event === "update", "B's post on A's public:remote");
    expect(remote.stream).toEqual(["public:remote"]);
    expect(publicStreams.received.filter((e) => e.stream?.[0] === "public:local")).toEqual([]);

    // And its deletion, through the inbound Delete.
    const deleted = await b.app.services.deleteStatus({ statusId: posted.id, accountId: bob.id, origin: "local" });
    expect(deleted.ok).toBe(true);
    const removal = await socket.waitFor((e) => e.event === "delete", "the delete on A's stream");
    expect(removal.payload).toBe(payloadOf<{ id: string }>(update).id);
  });
});
