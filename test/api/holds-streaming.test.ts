// Holds on the streaming API, over a real loopback server: a held status is
// streamed to nobody (user, public, notification) until its release, which
// streams it then as a new status with its mention notification.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { openSocket, payloadOf, serveOnLoopback, type TestSocket } from "../helpers/streaming.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let server: Awaited<ReturnType<typeof serveOnLoopback>>;
let alice: TestUser, bob: TestUser;
const sockets: TestSocket[] = [];

beforeAll(async () => {
  t = await startApiTest();
  server = await serveOnLoopback(t.app);
  [alice, bob] = [await t.user("alice"), await t.user("bob")];
  await t.follow(bob, alice);
  expect((await t.app.services.createRule(CLI_MODERATOR, { kind: "keyword", pattern: "canary held", fields: ["text"], action: "hold" })).ok).toBe(true);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await t?.app.dispose();
});

describe("holds on the streaming API", () => {
  it("stream nothing of a held status until its release", async () => {
    const bobSocket = await openSocket(`ws://127.0.0.1:${server.port}/api/v1/streaming?stream=user&access_token=${bob.token}`);
    sockets.push(bobSocket);
    bobSocket.send({ type: "subscribe", stream: "public" });
    await bobSocket.settle();

    const held = await t.post(alice, "canary held for @bob");
    // Events stream in commit order: once the marker is in, the held status had its chance.
    const marker = await t.post(alice, "a marker after the held one");
    await bobSocket.waitFor((e) => e.event === "update" && e.stream?.[0] === "public" && (e.payload?.includes(marker.id) ?? false), "the marker");
    expect(JSON.stringify(bobSocket.received)).not.toContain("canary");

    expect((await t.app.services.releaseHold(CLI_MODERATOR, held.id)).ok).toBe(true);
    const streamed = (stream: string) => (e: { event?: string; stream?: string[]; payload?: string }) =>
      e.event === "update" && e.stream?.[0] === stream && payloadOf<{ id: string }>(e as never).id === held.id;
    await bobSocket.waitFor(streamed("user"), "the released status at home");
    await bobSocket.waitFor(streamed("public"), "the released status in public");
    const notification = await bobSocket.waitFor((e) => e.event === "notification", "the mention");
    expect(payloadOf<{ type: string; status: { id: string } }>(notification)).toMatchObject({ type: "mention", status: { id: held.id } });
  });
});
