// Web Push (Mastodon docs: methods/push, entities/WebPushSubscription): the
// subscription of an access token, and real encrypted deliveries to a fake
// push service on loopback that the test decrypts as a browser would.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getVapidPublicKey } from "../../src/services/push/vapid-keys.ts";
import { startTestApp } from "../helpers/app.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { type FakePushService, newSubscriber, startFakePushService, type Subscriber } from "../helpers/push-service.ts";
import { issueToken } from "../helpers/tokens.ts";

const origin = "https://parley.test";
let app: Awaited<ReturnType<typeof startTestApp>>;
let pushService: FakePushService;
let ids: Record<"bob" | "carol", string>;
let bobToken: string, carolToken: string, bobReadWrite: string;
let subscriber: Subscriber;

function call(path: string, token: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return app.fetch(new Request(`${origin}${path}`, { ...init, headers }));
}

const form = (token: string, method: string, fields: Record<string, string>) =>
  call("/api/v1/push/subscription", token, { method, body: new URLSearchParams(fields), headers: { "Content-Type": "application/x-www-form-urlencoded" } });

function subscribe(token: string, endpoint: string, extra: Record<string, string> = {}) {
  return form(token, "POST", {
    "subscription[endpoint]": endpoint,
    "subscription[keys][p256dh]": subscriber.p256dh,
    "subscription[keys][auth]": subscriber.auth,
    ...extra,
  });
}

async function post(token: string, status: string): Promise<{ id: string }> {
  const res = await call("/api/v1/statuses", token, { method: "POST", body: JSON.stringify({ status }), headers: { "Content-Type": "application/json" } });
  expect(res.status).toBe(200);
  return res.json() as Promise<{ id: string }>;
}

const pushRows = () => app.database.db.selectFrom("push_subscriptions").selectAll().execute();

beforeAll(async () => {
  app = await startTestApp(origin, { allowPrivateAddress: true });
  pushService = await startFakePushService();
  const made: Record<string, string> = {};
  for (const username of ["bob", "carol"]) {
    const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password" });
    if (!created.ok) throw new Error(created.message);
    made[username] = created.value.id;
  }
  ids = made as typeof ids;
  bobToken = await issueToken(app, ids.bob);
  carolToken = await issueToken(app, ids.carol);
  bobReadWrite = await issueToken(app, ids.bob, "read write");
});

beforeEach(async () => {
  subscriber = newSubscriber();
  pushService.answer = 201;
  pushService.received.length = 0;
  await call("/api/v1/push/subscription", bobToken, { method: "DELETE" });
});

afterAll(async () => {
  await pushService?.close();
  await app?.dispose();
});

describe("push subscriptions", () => {
  it("answers 401 without a token, 403 without the push scope, 404 without a subscription", async () => {
    const none = await call("/api/v1/push/subscription", null);
    expect(none.status).toBe(401);
    expectEntity(await none.json(), "Error");
    expect((await call("/api/v1/push/subscription", bobReadWrite)).status).toBe(403);
    expect((await subscribe(bobReadWrite, pushService.endpoint("x"))).status).toBe(403);
    const missing = await call("/api/v1/push/subscription", bobToken);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "Record not found" });
    expect((await form(bobToken, "PUT", { "data[alerts][mention]": "true" })).status).toBe(404);
  });

  it("refuses bad endpoints and keys with 422", async () => {
    expect((await subscribe(bobToken, "ftp://push.example/x")).status).toBe(422);
    expect((await subscribe(bobToken, "not a url")).status).toBe(422);
    const badKey = await form(bobToken, "POST", {
      "subscription[endpoint]": pushService.endpoint("x"),
      "subscription[keys][p256dh]": Buffer.alloc(65, 4).toString("base64url"),
      "subscription[keys][auth]": subscriber.auth,
    });
    expect(badKey.status).toBe(422);
    expectEntity(await badKey.json(), "Error");
    const shortAuth = await form(bobToken, "POST", {
      "subscription[endpoint]": pushService.endpoint("x"),
      "subscription[keys][p256dh]": subscriber.p256dh,
      "subscription[keys][auth]": "c2hvcnQ",
    });
    expect(shortAuth.status).toBe(422);
    expect((await form(bobToken, "POST", { "data[alerts][mention]": "true" })).status).toBe(422);
  });

  it("creates, shows, updates and deletes the token's subscription, one per token", async () => {
    const created = await subscribe(bobToken, pushService.endpoint("bob"), { "data[alerts][mention]": "true", "data[alerts][follow]": "1", "data[policy]": "follower" });
    expect(created.status).toBe(200);
    const entity = await created.json() as { id: string; endpoint: string; alerts: Record<string, boolean>; server_key: string; policy: string; standard: boolean };
    expectEntity(entity, "WebPushSubscription");
    expect(entity.endpoint).toBe(pushService.endpoint("bob"));
    expect(entity.alerts).toEqual({
      mention: true, follow: true, status: false, reblog: false, follow_request: false, favourite: false, poll: false, update: false,
      "admin.sign_up": false, "admin.report": false,
    });
    expect(entity.policy).toBe("follower");
    expect(entity.standard).toBe(false);
    // The instance's VAPID key: an uncompressed P-256 point, the same for every subscription.
    expect(entity.server_key).toBe(await getVapidPublicKey(app.database.db));
    expect(Buffer.from(entity.server_key, "base64url")).toHaveLength(65);

    const shown = await call("/api/v1/push/subscription", bobToken);
    expect(await shown.json()).toEqual(entity);

    // Updating replaces the data: alerts not given are off.
    const updated = await call("/api/v1/push/subscription", bobToken, {
      method: "PUT",
      body: JSON.stringify({ data: { alerts: { favourite: true }, policy: "none" } }),
      headers: { "Content-Type": "application/json" },
    });
    const changed = await updated.json() as typeof entity;
    expectEntity(changed, "WebPushSubscription");
    expect(changed.id).toBe(entity.id);
    expect(changed.alerts.mention).toBe(false);
    expect(changed.alerts.favourite).toBe(true);
    expect(changed.policy).toBe("none");

    // A new subscription replaces the token's previous one.
    const again = await subscribe(bobToken, pushService.endpoint("bob-2"), { "subscription[standard]": "true" });
    const replaced = await again.json() as typeof entity;
    expect(replaced.id).not.toBe(entity.id);
    expect(replaced.standard).toBe(true);
    expect((await pushRows()).filter((r) => r.account_id === ids.bob)).toHaveLength(1);

    const removed = await call("/api/v1/push/subscription", bobToken, { method: "DELETE" });
    expect(removed.status).toBe(200);
    expect(await removed.json()).toEqual({});
    expect((await call("/api/v1/push/subscription", bobToken)).status).toBe(404);
    expect((await call("/api/v1/push/subscription", bobToken, { method: "DELETE" })).status).toBe(200);
  });
});

describe("push delivery", () => {
  it("delivers a mention encrypted with aes128gcm and signed with the VAPID key", async () => {
    await subscribe(bobToken, pushService.endpoint("standard"), { "subscription[standard]": "true", "data[alerts][mention]": "true" });
    const mention = await post(carolToken, "@bob are you there? <b>plain</b>");
    // Nothing is sent inside the request: the delivery waits in the queue.
    expect(pushService.received).toHaveLength(0);
    await app.push.drain();
    expect(pushService.received).toHaveLength(1);
    const [push] = pushService.received;
    expect(push!.path).toBe("/push/standard");
    expect(push!.headers["content-encoding"]).toBe("aes128gcm");
    expect(push!.headers.ttl).toBe("172800");
    expect(push!.headers.authorization).toMatch(new RegExp(`^vapid t=[\\w-]+\\.[\\w-]+\\.[\\w-]+, k=${await getVapidPublicKey(app.database.db)}$`));

    const payload = subscriber.open(push!);
    const notifications = await (await call("/api/v1/notifications", bobToken)).json() as { id: string; type: string; status: { id: string } }[];
    const notification = notifications.find((n) => n.status?.id === mention.id)!;
    expect(payload).toEqual({
      access_token: bobToken,
      preferred_locale: "en",
      notification_id: notification.id,
      notification_type: "mention",
      icon: `${origin}/avatars/original/missing.png`,
      title: "You were mentioned by carol",
      body: expect.stringContaining("are you there? <b>plain</b>"),
    });
  });

  it("delivers with the legacy aesgcm encoding to subscriptions that are not standard", async () => {
    await subscribe(bobToken, pushService.endpoint("legacy"), { "data[alerts][mention]": "true" });
    await post(carolToken, "@bob legacy please");
    await app.push.drain();
    expect(pushService.received).toHaveLength(1);
    expect(pushService.received[0]!.headers["content-encoding"]).toBe("aesgcm");
    const payload = subscriber.open(pushService.received[0]!);
    expect(payload.notification_type).toBe("mention");
    expect(payload.body).toContain("legacy please");
  });

  it("pushes only the alerts asked for, from whom the policy lets through", async () => {
    await subscribe(bobToken, pushService.endpoint("picky"), { "subscription[standard]": "true", "data[alerts][mention]": "true", "data[policy]": "followed" });
    // Bob does not follow Carol: her mention is not pushed.
    await post(carolToken, "@bob not from someone you follow");
    await app.push.drain();
    expect(pushService.received).toHaveLength(0);
    const followed = await app.services.followAccount({ followerId: ids.bob, targetId: ids.carol, origin: "local" });
    expect(followed.ok).toBe(true);
    // A favourite is not among the alerts.
    const own = await post(bobToken, "favourite me");
    expect((await call(`/api/v1/statuses/${own.id}/favourite`, carolToken, { method: "POST" })).status).toBe(200);
    await post(carolToken, "@bob now you follow me");
    await app.push.drain();
    expect(pushService.received.map((p) => subscriber.open(p).notification_type)).toEqual(["mention"]);
    await app.services.unfollowAccount({ followerId: ids.bob, targetId: ids.carol, origin: "local" });
  });

  it("removes the subscription when the push service answers 410 Gone", async () => {
    await subscribe(bobToken, pushService.endpoint("gone"), { "data[alerts][mention]": "true" });
    pushService.answer = 410;
    await post(carolToken, "@bob anyone?");
    await app.push.drain();
    expect(pushService.received).toHaveLength(1);
    expect((await call("/api/v1/push/subscription", bobToken)).status).toBe(404);
    expect((await pushRows()).filter((r) => r.account_id === ids.bob)).toEqual([]);
  });

  it("keeps a delivery the push service could not take, to try again later", async () => {
    await subscribe(bobToken, pushService.endpoint("busy"), { "data[alerts][mention]": "true" });
    pushService.answer = 503;
    const before = Date.now();
    await post(carolToken, "@bob busy?");
    await app.push.drain();
    expect(pushService.received).toHaveLength(1);
    const waiting = await app.database.db.selectFrom("push_deliveries").selectAll().execute();
    expect(waiting).toHaveLength(1);
    expect(waiting[0]!.attempts).toBe(1);
    expect(waiting[0]!.available_at).toBeGreaterThan(before + 20_000);
    // The subscription stays.
    expect((await call("/api/v1/push/subscription", bobToken)).status).toBe(200);
    await app.database.db.deleteFrom("push_deliveries").execute();
  });
});

describe("push endpoints and private addresses", () => {
  it("refuses http endpoints and never posts to loopback unless private addresses are allowed", async () => {
    const strict = await startTestApp("https://strict.test");
    try {
      const created = await strict.services.createLocalAccount({ username: "dave", email: "dave@example.com", password: "long enough password" });
      const sender = await strict.services.createLocalAccount({ username: "erin", email: "erin@example.com", password: "long enough password" });
      if (!created.ok || !sender.ok) throw new Error("setup");
      const daveToken = await issueToken(strict, created.value.id);
      const erinToken = await issueToken(strict, sender.value.id);
      const strictCall = (path: string, token: string, init: RequestInit) => {
        const headers = new Headers(init.headers);
        headers.set("Authorization", `Bearer ${token}`);
        return strict.fetch(new Request(`https://strict.test${path}`, { ...init, headers }));
      };
      const subscribeTo = (endpoint: string) =>
        strictCall("/api/v1/push/subscription", daveToken, {
          method: "POST",
          body: JSON.stringify({ subscription: { endpoint, keys: { p256dh: subscriber.p256dh, auth: subscriber.auth } }, data: { alerts: { mention: true } } }),
          headers: { "Content-Type": "application/json" },
        });
      expect((await subscribeTo(pushService.endpoint("plain-http"))).status).toBe(422);
      // An https URL is accepted, but its address is checked before each delivery.
      const loopback = pushService.endpoint("loopback").replace("http://", "https://");
      expect((await subscribeTo(loopback)).status).toBe(200);
      const mention = await strictCall("/api/v1/statuses", erinToken, {
        method: "POST",
        body: JSON.stringify({ status: "@dave hello" }),
        headers: { "Content-Type": "application/json" },
      });
      expect(mention.status).toBe(200);
      const connections = pushService.connections;
      await strict.push.drain();
      // Refused before connecting: the service saw no connection at all.
      expect(pushService.connections).toBe(connections);
      const kept = await strict.database.db.selectFrom("push_deliveries").select("attempts").execute();
      expect(kept).toEqual([{ attempts: 1 }]);
    } finally {
      await strict.dispose();
    }
  });
});
