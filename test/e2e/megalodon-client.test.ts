// megalodon (the client library of Whalebird) against a real Parley. It
// speaks through axios and the ws package, Node's own http stack, which the
// rig's fetch-only network does not reach, so the instance is served over
// plain http on 127.0.0.1 with that address as its public URL. megalodon
// picks the server's flavour from NodeInfo, registers an app and builds the
// authorization URL itself (out-of-band, no PKCE); the browser part is the
// same HTML sign-in and consent as for any app.
import { createReadStream, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import generator, { detector, type Entity, type MegalodonInterface, type WebSocketInterface } from "megalodon";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLoopbackInstance, type LoopbackInstance } from "../helpers/loopback-instance.ts";
import { makePng } from "../helpers/media.ts";
import { authorizeInBrowser, PASSWORD } from "../helpers/oauth-sign-in.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually } from "../rig/rig.ts";

let instance: LoopbackInstance;
let client: MegalodonInterface;
let carolId: string;
let carolToken: string;
let files: string;

beforeAll(async () => {
  instance = await startLoopbackInstance();
  const alice = await instance.app.services.createLocalAccount({ username: "alice", email: "alice@loopback.example", password: PASSWORD });
  if (!alice.ok) throw new Error(alice.message);
  const carol = await instance.app.services.createLocalAccount({ username: "carol", email: "carol@loopback.example", password: PASSWORD });
  if (!carol.ok) throw new Error(carol.message);
  carolId = carol.value.id;
  carolToken = await issueToken(instance.app, carolId);
  files = mkdtempSync(join(tmpdir(), "parley-megalodon-"));
});
afterAll(async () => {
  await instance?.close();
  if (files) rmSync(files, { recursive: true, force: true });
});

async function postAsCarol(text: string): Promise<{ id: string }> {
  const response = await fetch(`${instance.base}/api/v1/statuses`, {
    method: "POST",
    headers: { Authorization: `Bearer ${carolToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ status: text }),
  });
  expect(response.status).toBe(200);
  return (await response.json()) as { id: string };
}

describe("megalodon against Parley", () => {
  it("detects Parley as a Mastodon-compatible server from its NodeInfo", async () => {
    expect(await detector(instance.base)).toBe("mastodon");
  });

  it("registers an app, has alice authorize it in the browser, and exchanges the code", async () => {
    const anonymous = generator("mastodon", instance.base);
    const app = await anonymous.registerApp("megalodon e2e", { scopes: ["read", "write", "follow"] });
    expect(app.url).toBeTruthy();
    const authorize = new URL(app.url!);
    expect(authorize.href.startsWith(`${instance.base}/oauth/authorize?`)).toBe(true);
    expect(authorize.searchParams.get("redirect_uri")).toBe("urn:ietf:wg:oauth:2.0:oob");

    const { code } = await authorizeInBrowser(authorize, { email: "alice@loopback.example" });
    const token = await anonymous.fetchAccessToken(app.client_id, app.client_secret, code);
    expect(token.scope).toBe("read write follow");
    client = generator("mastodon", instance.base, token.access_token);
    const me = await client.verifyAccountCredentials();
    expect(me.data.username).toBe("alice");
    expect(me.data.acct).toBe("alice");
  });

  it("posts and reads the post back on the home timeline", async () => {
    const posted = await client.postStatus("hello from megalodon", { spoiler_text: "greeting" });
    const status = posted.data as Entity.Status;
    expect(status.content).toContain("hello from megalodon");
    expect(status.spoiler_text).toBe("greeting");
    expect(status.visibility).toBe("public");

    const followed = await client.followAccount(carolId);
    expect(followed.data.following).toBe(true);
    const carols = await postAsCarol("carol was here");
    const home = await client.getHomeTimeline({ limit: 10 });
    expect(home.data.map((s) => s.id)).toEqual([carols.id, status.id]);
    // megalodon follows the Link header's max_id for the next page.
    const older = await client.getHomeTimeline({ limit: 10, max_id: status.id });
    expect(older.data).toEqual([]);
  });

  it("uploads a picture from a file as Whalebird does (form-data stream), posts it, and sees carol's favourite in its notifications", async () => {
    const path = join(files, "picture.png");
    writeFileSync(path, await makePng(80, 60));
    const uploaded = await client.uploadMedia(createReadStream(path), { description: "a small blue picture" });
    const media = uploaded.data as Entity.Attachment;
    expect(media.type).toBe("image");
    expect(media.description).toBe("a small blue picture");
    const posted = await client.postStatus("with a picture", { media_ids: [media.id] });
    const status = posted.data as Entity.Status;
    expect(status.media_attachments.map((m) => m.id)).toEqual([media.id]);

    const favourited = await fetch(`${instance.base}/api/v1/statuses/${status.id}/favourite`, { method: "POST", headers: { Authorization: `Bearer ${carolToken}` } });
    expect(favourited.status).toBe(200);
    const notifications = await client.getNotifications({ limit: 5 });
    expect(notifications.data.map((n) => [n.type, n.account?.username, n.status?.id])).toContainEqual(["favourite", "carol", status.id]);
    const context = await client.getStatusContext(status.id);
    expect(context.data).toEqual({ ancestors: [], descendants: [] });
  });

  it("streams the user stream with the token in the query string and receives carol's post", async () => {
    const stream: WebSocketInterface = await client.userStreaming();
    const updates: Entity.Status[] = [];
    stream.on("update", (status: Entity.Status) => updates.push(status));
    try {
      // The server subscribes the query's stream before the handshake ends: once open, nothing is missed.
      await new Promise<void>((resolve, reject) => {
        stream.on("connect", () => resolve());
        stream.on("error", reject);
      });
      const posted = await postAsCarol("live from carol");
      const update = await eventually(async () => updates.find((s) => s.id === posted.id), { what: "carol's post on the stream" });
      expect(update.account.username).toBe("carol");
      expect(update.content).toContain("live from carol");
    } finally {
      stream.stop();
    }
  });
});
