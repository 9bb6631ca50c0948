// Streaming under moderation: a silenced account's posts reach its followers'
// home streams but no public stream, as the public timelines leave it out; a
// suspended or disabled account's open streams are closed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { startTestApp } from "../helpers/app.ts";
import { openSocket, payloadOf, serveOnLoopback, type TestSocket } from "../helpers/streaming.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually } from "../rig/rig.ts";

const origin = "https://parley.test";
let app: Awaited<ReturnType<typeof startTestApp>>;
let server: Awaited<ReturnType<typeof serveOnLoopback>>;
const ids: Record<string, string> = {};
const tokens: Record<string, string> = {};
const sockets: TestSocket[] = [];

async function post(token: string, status: string): Promise<{ id: string }> {
  const res = await app.fetch(new Request(`${origin}/api/v1/statuses`, {
    method: "POST",
    body: JSON.stringify({ status }),
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${token}` },
  }));
  expect(res.status).toBe(200);
  return res.json() as Promise<{ id: string }>;
}

beforeAll(async () => {
  app = await startTestApp(origin);
  server = await serveOnLoopback(app);
  for (const username of ["sil", "fan", "stranger", "other", "gone", "off"]) {
    const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password" });
    if (!created.ok) throw new Error(created.message);
    ids[username] = created.value.id;
    tokens[username] = await issueToken(app, created.value.id);
  }
  expect((await app.services.followAccount({ followerId: ids.fan!, targetId: ids.sil!, origin: "local" })).ok).toBe(true);
  expect((await app.services.actOnAccount(CLI_MODERATOR, { accountId: ids.sil!, type: "silence" })).ok).toBe(true);
});
afterAll(async () => {
  for (const s of sockets) s.close();
  await server?.close();
  await app?.dispose();
});

describe("streaming and moderation", () => {
  it("keeps a silenced account's posts out of public streams, not out of its followers' home", async () => {
    const socket = async (token: string) => {
      const opened = await openSocket(`ws://127.0.0.1:${server.port}/api/v1/streaming?stream=public&access_token=${token}`);
      sockets.push(opened);
      opened.send({ type: "subscribe", stream: "user" });
      await opened.settle();
      return opened;
    };
    const [fan, stranger] = [await socket(tokens.fan!), await socket(tokens.stranger!)];
    const canary = await post(tokens.sil!, "canary from the silenced");
    // Events are streamed in commit order: once the marker is in, the canary had its chance.
    const marker = await post(tokens.other!, "marker");
    for (const [who, s] of [["fan", fan], ["stranger", stranger]] as const) {
      await s.waitFor((e) => e.stream?.[0] === "public" && (e.payload?.includes(marker.id) ?? false), `the marker (${who})`);
      expect(s.received.filter((e) => e.stream?.[0] === "public" && e.payload?.includes("canary"))).toEqual([]);
    }
    const fanHome = await fan.waitFor((e) => e.stream?.[0] === "user" && e.event === "update" && (e.payload?.includes(canary.id) ?? false), "the canary at home");
    expect(payloadOf<{ id: string }>(fanHome).id).toBe(canary.id);
    expect(JSON.stringify(stranger.received)).not.toContain("canary");
  });

  it("closes the open streams of an account once it is suspended or its login disabled", async () => {
    const open = async (token: string) => {
      const opened = await openSocket(`ws://127.0.0.1:${server.port}/api/v1/streaming?stream=user&access_token=${token}`);
      sockets.push(opened);
      const state = { opened, closed: false };
      opened.ws.once("close", () => (state.closed = true));
      return state;
    };
    const [gone, off, other] = [await open(tokens.gone!), await open(tokens.off!), await open(tokens.other!)];
    expect((await app.services.actOnAccount(CLI_MODERATOR, { accountId: ids.gone!, type: "suspend" })).ok).toBe(true);
    expect((await app.services.actOnAccount(CLI_MODERATOR, { accountId: ids.off!, type: "disable" })).ok).toBe(true);
    // The hub checks its sessions' tokens every 30 s, as Mastodon closes streams of revoked tokens.
    await eventually(async () => gone.closed && off.closed, { timeoutMs: 90_000, what: "the suspended and the disabled account's streams to close" });
    // Everyone else's stream stays open.
    expect(other.opened.ws.readyState).toBe(other.opened.ws.OPEN);
  }, 120_000);
});
