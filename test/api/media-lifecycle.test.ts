// The life of uploads beyond the media endpoints: attaching them to a status
// (claimMediaForStatus, as the statuses service calls it), the status showing
// them, avatars and headers for profiles, cleanup of what nothing uses, and
// the file route refusing anything that is not a stored file.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Id } from "../../db/schema/index.ts";
import { writeTransaction } from "../../src/services/context.ts";
import { claimMediaForStatus, findMediaToAttach } from "../../src/services/media/claim-media.ts";
import { MEDIA_GRACE_MS } from "../../src/services/media/clean-up-media.ts";
import { isMediaKey } from "../../src/services/media/storage.ts";
import { makePng, type MediaTestApp, multipart, startMediaTestApp, storedFiles } from "../helpers/media.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually } from "../rig/rig.ts";

const origin = "https://parley.test";
let app: MediaTestApp;
let aliceId: Id, bobId: Id, alice: string;

async function uploadAs(token: string, description?: string): Promise<{ id: string; url: string; preview_url: string }> {
  const fields = { file: await makePng(64, 48), ...(description ? { description } : {}) };
  const res = await app.fetch(new Request(`${origin}/api/v2/media`, { method: "POST", body: multipart(fields), headers: { Authorization: `Bearer ${token}` } }));
  expect(res.status).toBe(200);
  return (await res.json()) as { id: string; url: string; preview_url: string };
}
async function post(accountId: Id, text: string): Promise<Id> {
  const posted = await app.services.postLocalStatus({ accountId, text, visibility: "public" }, async () => null);
  if (!posted.ok) throw new Error(posted.message);
  return posted.value.id;
}
const claim = (accountId: Id, mediaIds: string[], statusId: Id) =>
  writeTransaction(app.services.deps, (tx) => claimMediaForStatus(tx, accountId, mediaIds, statusId));
const served = async (url: string) => (await app.fetch(new Request(url))).status;

beforeAll(async () => {
  app = await startMediaTestApp(origin);
  const ids: Id[] = [];
  for (const name of ["alice", "bob"]) {
    const created = await app.services.createLocalAccount({ username: name, email: `${name}@example.com`, password: "long enough password" });
    if (!created.ok) throw new Error(created.message);
    ids.push(created.value.id);
  }
  [aliceId, bobId] = ids as [Id, Id];
  alice = await issueToken(app, aliceId);
});
afterAll(async () => {
  await app?.dispose();
});

describe("attaching uploads to a status", () => {
  it("attaches in the given order; the status shows them; attached media leave the media endpoints", async () => {
    const [m1, m2, m3] = [await uploadAs(alice, "first"), await uploadAs(alice, "second"), await uploadAs(alice, "third")];
    const statusId = await post(aliceId, "three pictures");
    const claimed = await claim(aliceId, [m3!.id, m1!.id, m2!.id, m3!.id], statusId);
    expect(claimed.ok && claimed.value.map((m) => m.id)).toEqual([m3!.id, m1!.id, m2!.id]);

    const res = await app.fetch(new Request(`${origin}/api/v1/statuses/${statusId}`, { headers: { Authorization: `Bearer ${alice}` } }));
    const status = (await res.json()) as { media_attachments: { id: string; description: string; url: string }[] };
    expectEntity(status, "Status");
    expect(status.media_attachments.map((m) => [m.id, m.description])).toEqual([[m3!.id, "third"], [m1!.id, "first"], [m2!.id, "second"]]);
    // Mastodon finds only unattached media for GET and PUT; DELETE says it is in use.
    expect((await app.fetch(new Request(`${origin}/api/v1/media/${m1!.id}`, { headers: { Authorization: `Bearer ${alice}` } }))).status).toBe(404);
    const del = await app.fetch(new Request(`${origin}/api/v1/media/${m1!.id}`, { method: "DELETE", headers: { Authorization: `Bearer ${alice}` } }));
    expect(del.status).toBe(422);
    expect(await del.json()).toEqual({ error: "Media attachment is currently used by a status" });

    // An edit keeps what it lists, in its new order, and drops the rest.
    const edited = await claim(aliceId, [m2!.id, m3!.id], statusId);
    expect(edited.ok && edited.value.map((m) => [m.id, m.position])).toEqual([[m2!.id, 0], [m3!.id, 1]]);
    const rows = await app.database.db.selectFrom("media_attachments").select("id").where("status_id", "=", statusId).orderBy("position").execute();
    expect(rows.map((r) => r.id)).toEqual([m2!.id, m3!.id]);
  });

  it("refuses more than 4, someone else's, unknown and already attached media, without attaching any", async () => {
    const mine = [await uploadAs(alice), await uploadAs(alice), await uploadAs(alice), await uploadAs(alice), await uploadAs(alice)];
    const bobs = await uploadAs(await issueToken(app, bobId));
    const statusId = await post(aliceId, "refusals");
    const other = await post(aliceId, "another");
    expect(await findMediaToAttach(app.database.db, aliceId, mine.map((m) => m.id))).toEqual({ ok: false, kind: "validation", message: "Cannot attach more than 4 files" });
    expect(await claim(aliceId, [mine[0]!.id, bobs.id, "42", "nope"], statusId)).toEqual({
      ok: false,
      kind: "validation",
      message: `Media ${bobs.id}, 42, nope not found or already attached to another post`,
    });
    expect((await claim(aliceId, [mine[1]!.id], other)).ok).toBe(true);
    expect(await claim(aliceId, [mine[1]!.id], statusId)).toMatchObject({ ok: false, message: `Media ${mine[1]!.id} not found or already attached to another post` });
    const attached = await app.database.db.selectFrom("media_attachments").select("id").where("status_id", "=", statusId).execute();
    expect(attached).toEqual([]);
  });
});

describe("profile images", () => {
  it("crops avatars to 400x400 and headers to 1500x500, served like attachments; refuses broken files", async () => {
    const avatar = await app.services.processProfileImage(await makePng(900, 600), "avatar");
    const header = await app.services.processProfileImage(await makePng(1000, 1000), "header");
    if (!avatar.ok || !header.ok) throw new Error("profile images");
    for (const [url, width, height] of [[avatar.value.url, 400, 400], [header.value.url, 1500, 500]] as const) {
      expect(url).toMatch(new RegExp(`^${origin}/media/`));
      const res = await app.fetch(new Request(url));
      expect(res.status).toBe(200);
      expect(await sharp(Buffer.from(await res.arrayBuffer())).metadata()).toMatchObject({ width, height, format: "png" });
    }
    expect(await app.services.processProfileImage(Buffer.from("not an image"), "avatar")).toMatchObject({ ok: false, kind: "unprocessable" });
    expect(await app.services.processProfileImage(Buffer.alloc(9 * 1024 * 1024), "header")).toEqual({
      ok: false,
      kind: "validation",
      message: "Validation failed: Header file size must be less than 8 MB",
    });
  });
});

describe("cleanup", () => {
  it("deletes uploads nobody attached within a day, files of deleted statuses, and profile images no account shows", async () => {
    const later = Date.now() + MEDIA_GRACE_MS + 60_000;
    await app.services.cleanUpMedia(later); // what earlier tests left
    const before = storedFiles(app.dataDir);

    const unattached = await uploadAs(alice);
    const kept = await uploadAs(alice);
    const statusId = await post(aliceId, "kept");
    expect((await claim(aliceId, [kept.id], statusId)).ok).toBe(true);
    const avatar = await app.services.processProfileImage(await makePng(50, 50), "avatar");
    const unused = await app.services.processProfileImage(await makePng(50, 50), "avatar");
    if (!avatar.ok || !unused.ok) throw new Error("avatars");
    expect((await app.services.updateProfile(aliceId, { avatarUrl: avatar.value.url })).ok).toBe(true);

    // Within the grace period nothing goes.
    expect(await app.services.cleanUpMedia()).toEqual({ attachments: 0, files: 0 });
    expect(await app.services.cleanUpMedia(Date.now() + MEDIA_GRACE_MS + 120_000)).toEqual({ attachments: 1, files: 3 });
    expect(await served(unattached.url)).toBe(404);
    expect(await served(unattached.preview_url)).toBe(404);
    expect(await served(unused.value.url)).toBe(404);
    expect(await served(kept.url)).toBe(200);
    expect(await served(avatar.value.url)).toBe(200);

    // A deleted status takes its attachments along (foreign key); cleanup then removes their files.
    expect((await app.services.deleteStatus({ statusId, accountId: aliceId, origin: "local" })).ok).toBe(true);
    expect(await app.services.cleanUpMedia(Date.now() + MEDIA_GRACE_MS + 180_000)).toEqual({ attachments: 0, files: 2 });
    expect(await served(kept.url)).toBe(404);
    expect(storedFiles(app.dataDir)).toEqual([...before, new URL(avatar.value.url).pathname.slice("/media/".length)].sort());
  });
});

describe("the queue worker", () => {
  it("runs cleanup when it starts", async () => {
    const stale = await uploadAs(alice);
    await app.database.db.updateTable("media_attachments").set({ created_at: Date.now() - MEDIA_GRACE_MS - 60_000 }).where("id", "=", stale.id).execute();
    app.startQueue();
    await eventually(async () => (await app.database.db.selectFrom("media_attachments").select("id").where("id", "=", stale.id).executeTakeFirst()) === undefined, {
      what: "the stale upload to be cleaned up",
    });
    expect(await app.database.db.selectFrom("media_files").select("key").where("media_attachment_id", "=", stale.id).execute()).toEqual([]);
  });
});

describe("the file route", () => {
  it("serves nothing but stored files", async () => {
    const media = await uploadAs(alice);
    const key = new URL(media.url).pathname.slice("/media/".length);
    // Well formed, but never stored.
    const missing = key.replace(/\/([0-9a-f]{2})[0-9a-f]{30}\//, (_, shard: string) => `/${shard}${"0".repeat(30)}/`);
    expect(isMediaKey(missing)).toBe(true);
    for (const path of [
      "/media/../../etc/passwd",
      "/media/%2e%2e/%2e%2e/etc/passwd",
      `/media/${key.replace("original", "..%2f..%2foriginal")}`,
      `/media/${key.replace(".png", ".svg")}`,
      `/media/${missing}`,
      "/media/",
    ]) {
      expect(await served(`${origin}${path}`), path).toBe(404);
    }
    expect(await served(media.url)).toBe(200);
  });
});
