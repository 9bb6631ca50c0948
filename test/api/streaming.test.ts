// The streaming API (Mastodon docs: methods/streaming) over a real loopback
// server: WebSocket with the token in the query or as Sec-WebSocket-Protocol,
// server-sent events, what each stream carries and what it must never carry.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../src/app.ts";
import { startTestApp } from "../helpers/app.ts";
import { testDialect } from "../helpers/database.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { openSocket, payloadOf, readEventStream, serveOnLoopback, type TestSocket } from "../helpers/streaming.ts";
import { issueToken } from "../helpers/tokens.ts";

const origin = "https://parley.test";
let app: Awaited<ReturnType<typeof startTestApp>>;
let server: Awaited<ReturnType<typeof serveOnLoopback>>;
let ids: Record<"alice" | "bob" | "carol", string>;
let tokens: Record<"alice" | "bob" | "carol" | "bobWriteOnly" | "bobNotificationsOnly" | "appOnly", string>;
const sockets: TestSocket[] = [];

function call(path: string, token: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return app.fetch(new Request(`${origin}${path}`, { ...init, headers }));
}

async function post(token: string, status: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await call("/api/v1/statuses", token, {
    method: "POST",
    body: JSON.stringify({ status, ...extra }),
    headers: { "Content-Type": "application/json" },
  });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ id: string }>;
}

async function socket(query: string, protocols?: string | string[]): Promise<TestSocket> {
  const opened = await openSocket(`ws://127.0.0.1:${server.port}/api/v1/streaming${query}`, protocols);
  sockets.push(opened);
  return opened;
}

beforeAll(async () => {
  app = await startTestApp(origin);
  server = await serveOnLoopback(app);
  const made: Record<string, string> = {};
  for (const username of ["alice", "bob", "carol"]) {
    const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password" });
    if (!created.ok) throw new Error(created.message);
    made[username] = created.value.id;
  }
  ids = made as typeof ids;
  tokens = {
    alice: await issueToken(app, ids.alice),
    bob: await issueToken(app, ids.bob),
    carol: await issueToken(app, ids.carol),
    bobWriteOnly: await issueToken(app, ids.bob, "write"),
    bobNotificationsOnly: await issueToken(app, ids.bob, "read:notifications"),
    appOnly: await issueToken(app, null, "read"),
  };
  // Bob follows Alice; Carol follows nobody.
  const followed = await app.services.followAccount({ followerId: ids.bob, targetId: ids.alice, origin: "local" });
  if (!followed.ok) throw new Error(followed.message);
});

afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await app?.dispose();
});

describe("streaming", () => {
  it("answers the health check", async () => {
    const res = await call("/api/v1/streaming/health", null);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("OK");
  });

  it("refuses a bad, missing or app-only token with 401, on both transports", async () => {
    await expect(socket("?stream=user&access_token=bogus")).rejects.toMatchObject({ status: 401 });
    await expect(socket("?stream=user")).rejects.toMatchObject({ status: 401 });
    await expect(socket("?stream=user", "bogus")).rejects.toMatchObject({ status: 401 });
    await expect(socket(`?stream=user&access_token=${tokens.appOnly}`)).rejects.toMatchObject({ status: 401 });
    for (const [path, token] of [["/api/v1/streaming/user", null], ["/api/v1/streaming/user", "bogus"], ["/api/v1/streaming/public?access_token=bogus", null]] as const) {
      const res = await call(path, token);
      expect(res.status).toBe(401);
      expectEntity(await res.json(), "Error");
    }
  });

  it("refuses a stream outside the token's scopes (401, as Mastodon's streaming server) and another user's list (404)", async () => {
    const sse = await call("/api/v1/streaming/user", tokens.bobWriteOnly);
    expect(sse.status).toBe(401);
    expectEntity(await sse.json(), "Error");
    // A notifications-only token may stream notifications, not statuses.
    const notifications = await call("/api/v1/streaming/user/notification", tokens.bobNotificationsOnly);
    expect(notifications.status).toBe(200);
    await notifications.body?.cancel();
    const ws = await socket(`?stream=public&access_token=${tokens.bobWriteOnly}`);
    expect((await ws.waitFor((e) => e.error !== undefined)).status).toBe(401);

    const list = await call("/api/v1/lists", tokens.alice, { method: "POST", body: JSON.stringify({ title: "friends" }), headers: { "Content-Type": "application/json" } });
    const { id: listId } = await list.json() as { id: string };
    expect((await call(`/api/v1/streaming/list?list=${listId}`, tokens.carol)).status).toBe(404);
    const carol = await socket(`?access_token=${tokens.carol}`);
    carol.send({ type: "subscribe", stream: "list", list: listId });
    expect((await carol.waitFor((e) => e.error !== undefined)).status).toBe(404);
    const missingTag = await call("/api/v1/streaming/hashtag", tokens.carol);
    expect(missingTag.status).toBe(400);
  });

  it("streams a followed account's post to the user stream (token as access_token), then its edit and deletion", async () => {
    const bob = await socket(`?stream=user&access_token=${tokens.bob}`);
    const posted = await post(tokens.alice, "hello followers");
    const update = await bob.waitFor((e) => e.event === "update", "the update");
    expect(update.stream).toEqual(["user"]);
    expect(typeof update.payload).toBe("string");
    const status = payloadOf<{ id: string; content: string; favourited: boolean }>(update);
    expectEntity(status, "Status");
    expect(status.id).toBe(posted.id);
    expect(status.content).toContain("hello followers");
    expect(status.favourited).toBe(false);

    const edited = await call(`/api/v1/statuses/${posted.id}`, tokens.alice, {
      method: "PUT",
      body: JSON.stringify({ status: "hello again, followers" }),
      headers: { "Content-Type": "application/json" },
    });
    expect(edited.status).toBe(200);
    const change = await bob.waitFor((e) => e.event === "status.update", "the edit");
    expectEntity(payloadOf(change), "Status");
    expect(payloadOf<{ content: string }>(change).content).toContain("hello again");

    expect((await call(`/api/v1/statuses/${posted.id}`, tokens.alice, { method: "DELETE" })).status).toBe(200);
    const deleted = await bob.waitFor((e) => e.event === "delete", "the delete");
    expect(deleted).toEqual({ stream: ["user"], event: "delete", payload: posted.id });
  });

  it("takes the token as Sec-WebSocket-Protocol, echoes it, and streams a mention as a notification", async () => {
    const bob = await socket("?stream=user", tokens.bob);
    expect(bob.ws.protocol).toBe(tokens.bob);
    await post(tokens.carol, "hey @bob, look");
    const notification = await bob.waitFor((e) => e.event === "notification", "the notification");
    expect(notification.stream).toEqual(["user"]);
    const entity = payloadOf<{ type: string; account: { acct: string }; status: { content: string } }>(notification);
    expectEntity(entity, "Notification");
    expect(entity.type).toBe("mention");
    expect(entity.account.acct).toBe("carol");
    expect(entity.status.content).toContain("look");
  });

  it("multiplexes subscriptions on one socket: public:local and a hashtag, with unsubscribe", async () => {
    const carol = await socket(`?access_token=${tokens.carol}`);
    carol.send({ type: "subscribe", stream: "public:local" });
    carol.send({ type: "subscribe", stream: "hashtag", tag: "Streaming" });
    await carol.settle();
    const tagged = await post(tokens.alice, "about #streaming");
    await carol.waitFor((e) => e.event === "update" && e.stream?.[0] === "hashtag", "the hashtag update");
    const local = await carol.waitFor((e) => e.event === "update" && e.stream?.[0] === "public:local", "the local update");
    expect(payloadOf<{ id: string }>(local).id).toBe(tagged.id);
    expect(carol.received.find((e) => e.stream?.[0] === "hashtag")?.stream).toEqual(["hashtag", "streaming"]);

    carol.send({ type: "unsubscribe", stream: "hashtag", tag: "streaming" });
    await carol.settle();
    const second = await post(tokens.alice, "more #streaming");
    await carol.waitFor((e) => e.event === "update" && payloadOf<{ id: string }>(e).id === second.id, "the second local update");
    expect(carol.received.filter((e) => e.stream?.[0] === "hashtag")).toHaveLength(1);
  });

  it("streams public statuses over SSE, with the token in the header or the query", async () => {
    const res = await call("/api/v1/streaming/public", tokens.carol);
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/event-stream");
    const stream = readEventStream(res);
    const byQuery = readEventStream(await call(`/api/v1/streaming/public/local?access_token=${tokens.carol}`, null));
    try {
      const posted = await post(tokens.alice, "for everyone");
      const event = await stream.waitFor((e) => e.event === "update");
      const status = payloadOf<{ id: string }>(event);
      expectEntity(status, "Status");
      expect(status.id).toBe(posted.id);
      await byQuery.waitFor((e) => e.event === "update" && payloadOf<{ id: string }>(e).id === posted.id);
      expect(stream.text().startsWith(":)\n")).toBe(true);
    } finally {
      await stream.close();
      await byQuery.close();
    }
  });

  it("never sends a private or direct status to public streams or to a non-follower's user stream", async () => {
    const carol = await socket(`?stream=user&access_token=${tokens.carol}`);
    carol.send({ type: "subscribe", stream: "public" });
    const bob = await socket(`?stream=user&access_token=${tokens.bob}`);
    bob.send({ type: "subscribe", stream: "public" });
    await Promise.all([carol.settle(), bob.settle()]);
    const sse = readEventStream(await call("/api/v1/streaming/public", tokens.carol));
    try {
      const secret = await post(tokens.alice, "canary-followers-only", { visibility: "private" });
      await post(tokens.alice, "canary-direct to @bob", { visibility: "direct" });
      await post(tokens.alice, "canary-unlisted", { visibility: "unlisted" });
      // Events are streamed in commit order: once the marker is in, the canaries had their chance.
      const marker = await post(tokens.alice, "marker after the canaries");
      const isMarker = (e: { payload?: string }) => e.payload?.includes(marker.id) ?? false;
      await carol.waitFor((e) => e.event === "update" && isMarker(e), "the marker (carol)");
      await bob.waitFor((e) => e.event === "update" && e.stream?.[0] === "public" && isMarker(e), "the marker (bob)");
      await sse.waitFor((e) => e.event === "update" && isMarker(e), "the marker (sse)");
      expect(JSON.stringify(carol.received)).not.toContain("canary");
      expect(sse.text()).not.toContain("canary");
      expect(bob.received.filter((e) => e.stream?.[0] === "public" && e.payload?.includes("canary"))).toEqual([]);
      // Bob follows Alice: he gets the followers-only post and the direct one at home.
      const home = bob.received.filter((e) => e.stream?.[0] === "user" && e.event === "update").map((e) => payloadOf<{ id: string; content: string }>(e));
      expect(home.map((s) => s.id)).toContain(secret.id);
      expect(home.some((s) => s.content.includes("canary-direct"))).toBe(true);
    } finally {
      await sse.close();
    }
  });

  it("hides a muted or blocked author from public streams", async () => {
    const muted = await call(`/api/v1/accounts/${ids.alice}/mute`, tokens.carol, { method: "POST" });
    expect(muted.status).toBe(200);
    const carol = await socket(`?stream=public:local&access_token=${tokens.carol}`);
    await post(tokens.alice, "canary-from-the-muted");
    const marker = await post(tokens.bob, "marker from bob");
    await carol.waitFor((e) => e.payload?.includes(marker.id) ?? false, "bob's marker");
    expect(JSON.stringify(carol.received)).not.toContain("canary");
    await call(`/api/v1/accounts/${ids.alice}/unmute`, tokens.carol, { method: "POST" });
  });

  it("streams a followed account's reblog at home, and notifications alone on user:notification over SSE", async () => {
    const bob = await socket(`?stream=user&access_token=${tokens.bob}`);
    const notifications = readEventStream(await call("/api/v1/streaming/user/notification", tokens.carol));
    try {
      const original = await post(tokens.carol, "worth a boost");
      const boosted = await call(`/api/v1/statuses/${original.id}/reblog`, tokens.alice, { method: "POST" });
      expect(boosted.status).toBe(200);
      const update = await bob.waitFor((e) => e.event === "update" && payloadOf<{ reblog: unknown }>(e).reblog !== null, "the reblog");
      const reblog = payloadOf<{ reblog: { id: string }; account: { acct: string } }>(update);
      expectEntity(reblog, "Status");
      expect(reblog.reblog.id).toBe(original.id);
      expect(reblog.account.acct).toBe("alice");
      const notified = await notifications.waitFor((e) => e.event === "notification");
      const notification = payloadOf<{ type: string; account: { acct: string } }>(notified);
      expectEntity(notification, "Notification");
      expect(notification).toMatchObject({ type: "reblog", account: { acct: "alice" } });
      // Only notifications on this stream: Carol's own post was not sent to it.
      expect(notifications.events.every((e) => e.event === "notification")).toBe(true);
    } finally {
      await notifications.close();
    }
  });

  it("streams direct conversations on the direct stream", async () => {
    const bob = await socket(`?stream=direct&access_token=${tokens.bob}`);
    const sent = await post(tokens.carol, "@bob just between us", { visibility: "direct" });
    const event = await bob.waitFor((e) => e.event === "conversation", "the conversation");
    expect(event.stream).toEqual(["direct"]);
    const conversation = payloadOf<{ unread: boolean; last_status: { id: string }; accounts: { acct: string }[] }>(event);
    expectEntity(conversation, "Conversation");
    expect(conversation.last_status.id).toBe(sent.id);
    expect(conversation.accounts.map((a) => a.acct)).toEqual(["carol"]);
    expect(conversation.unread).toBe(true);
  });

  // Several web processes share one PostgreSQL database: NOTIFY carries the event to the others.
  if (testDialect() === "postgres") {
    it("reaches a stream held by another process on the same database", async () => {
      const other = await createApp({ ...app.config });
      const otherServer = await serveOnLoopback(other);
      try {
        const bob = await openSocket(`ws://127.0.0.1:${otherServer.port}/api/v1/streaming?stream=user&access_token=${tokens.bob}`);
        sockets.push(bob);
        const posted = await post(tokens.alice, "from the first process");
        const update = await bob.waitFor((e) => e.event === "update" && payloadOf<{ id: string }>(e).id === posted.id, "the update in the other process");
        expectEntity(payloadOf(update), "Status");
        bob.close();
      } finally {
        await otherServer.close();
        await other.close();
      }
    });
  }
});
