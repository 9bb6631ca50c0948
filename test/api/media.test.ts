// Uploading media through the Mastodon API: v2 and v1 uploads of real images,
// metadata stripped and orientation applied, description and focus, the file
// served under the public URL, and the refusals (422, 404, 401, 403).
import { readFileSync } from "node:fs";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidBlurhash } from "../../federation/mappers/media-extensions.ts";
import { makeJpegWithExif, makePng, type MediaTestApp, multipart, startMediaTestApp, storedFiles } from "../helpers/media.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";

interface Media {
  id: string;
  type: string;
  url: string;
  preview_url: string;
  remote_url: string | null;
  description: string | null;
  blurhash: string;
  meta: { original: { width: number; height: number; size: string; aspect: number }; small: { width: number; height: number }; focus?: { x: number; y: number } };
}

const origin = "https://parley.test";
let app: MediaTestApp;
let alice: string, bob: string, readOnly: string, appOnly: string;

function call(path: string, token: string | null, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (token) headers.set("Authorization", `Bearer ${token}`);
  return app.fetch(new Request(new URL(path, origin), { ...init, headers }));
}
const upload = (path: string, token: string | null, fields: Record<string, Buffer | string>) =>
  call(path, token, { method: "POST", body: multipart(fields) });
const put = (id: string, token: string, fields: Record<string, Buffer | string>) =>
  call(`/api/v1/media/${id}`, token, { method: "PUT", body: multipart(fields) });
/** The stored file behind a public media URL. */
const fileOf = (url: string) => readFileSync(join(app.dataDir, "media", new URL(url).pathname.slice("/media/".length)));
const count = async () =>
  Number((await app.database.db.selectFrom("media_attachments").select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow()).n);

beforeAll(async () => {
  app = await startMediaTestApp(origin);
  const ids: string[] = [];
  for (const name of ["alice", "bob"]) {
    const created = await app.services.createLocalAccount({ username: name, email: `${name}@example.com`, password: "long enough password" });
    if (!created.ok) throw new Error(created.message);
    ids.push(created.value.id);
  }
  alice = await issueToken(app, ids[0]!);
  bob = await issueToken(app, ids[1]!);
  readOnly = await issueToken(app, ids[0]!, "read write:statuses");
  appOnly = await issueToken(app, null, "write:media");
});
afterAll(async () => {
  await app?.dispose();
});

describe("media uploads", () => {
  it("uploads a PNG with v2: processed at once (200), a valid MediaAttachment, readable with GET", async () => {
    const res = await upload("/api/v2/media", alice, { file: await makePng(1000, 500), description: "A blue field", focus: "0.5,-0.25" });
    expect(res.status).toBe(200);
    const media = (await res.json()) as Media;
    expectEntity(media, "MediaAttachment");
    expect(media).toMatchObject({ type: "image", remote_url: null, description: "A blue field" });
    expect(media.url).toMatch(new RegExp(`^${origin}/media/[0-9a-f]{2}/[0-9a-f]{32}/original\\.png$`));
    expect(media.preview_url).toMatch(/\/small\.png$/);
    expect(media.meta.original).toEqual({ width: 1000, height: 500, size: "1000x500", aspect: 2 });
    // Mastodon's small style: at most 640x360 worth of pixels, aspect kept.
    expect(media.meta.small.width * media.meta.small.height).toBeLessThanOrEqual(230_400);
    expect(media.meta.small.width / media.meta.small.height).toBeCloseTo(2, 1);
    expect(media.meta.focus).toEqual({ x: 0.5, y: -0.25 });
    expect(isValidBlurhash(media.blurhash)).toBe(true);

    const got = await call(`/api/v1/media/${media.id}`, alice);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(media);
  });

  it("serves the stored file under its URL with its type, long caching and nosniff", async () => {
    const media = (await (await upload("/api/v1/media", alice, { file: await makePng(40, 30) })).json()) as Media;
    const res = await app.fetch(new Request(media.url));
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("image/png");
    expect(res.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(res.headers.get("Cache-Control")).toContain("max-age=31536000");
    const bytes = Buffer.from(await res.arrayBuffer());
    expect(bytes.equals(fileOf(media.url))).toBe(true);
    expect(await sharp(bytes).metadata()).toMatchObject({ format: "png", width: 40, height: 30 });
    const head = await app.fetch(new Request(media.preview_url, { method: "HEAD" }));
    expect(head.status).toBe(200);
    expect(head.headers.get("Content-Length")).toBe(String(fileOf(media.preview_url).length));
  });

  it("applies EXIF orientation and strips every piece of metadata (v1, 200)", async () => {
    const jpeg = await makeJpegWithExif();
    const before = await sharp(jpeg).metadata();
    expect(before).toMatchObject({ width: 300, height: 200, orientation: 6 });
    expect(before.exif?.includes("ParleyCam")).toBe(true);

    const res = await upload("/api/v1/media", alice, { file: jpeg });
    expect(res.status).toBe(200);
    const media = (await res.json()) as Media;
    expect(media.meta.original).toMatchObject({ width: 200, height: 300 });
    for (const url of [media.url, media.preview_url]) {
      const stored = fileOf(url);
      const meta = await sharp(stored).metadata();
      expect(meta.format).toBe("jpeg");
      expect(meta.exif).toBeUndefined();
      expect(meta.orientation).toBeUndefined();
      expect(meta.xmp).toBeUndefined();
      expect(stored.includes("ParleyCam")).toBe(false);
    }
  });

  it("updates description and focus of one's own upload; refuses bad values with 422", async () => {
    const media = (await (await upload("/api/v2/media", alice, { file: await makePng(64, 64) })).json()) as Media;
    expect(media.description).toBeNull();
    const res = await put(media.id, alice, { description: "Now described", focus: "-1,1" });
    expect(res.status).toBe(200);
    const updated = (await res.json()) as Media;
    expectEntity(updated, "MediaAttachment");
    expect(updated.description).toBe("Now described");
    expect(updated.meta.focus).toEqual({ x: -1, y: 1 });
    expect(updated.meta.original).toEqual(media.meta.original);

    const bad: Record<string, string>[] = [{ focus: "2,0" }, { focus: "left" }, { description: "x".repeat(1501) }];
    for (const fields of bad) {
      const res = await put(media.id, alice, fields);
      expect(res.status).toBe(422);
      expectEntity(await res.json(), "Error");
    }
    expect(((await (await call(`/api/v1/media/${media.id}`, alice)).json()) as Media).description).toBe("Now described");
  });

  it("replaces a custom thumbnail (the preview) and removes the old one", async () => {
    const media = (await (await upload("/api/v2/media", alice, { file: await makePng(800, 600), thumbnail: await makePng(100, 100, "#ff0000") })).json()) as Media;
    expect(media.preview_url).toMatch(/\/thumbnail\.png$/);
    expect((await sharp(fileOf(media.preview_url)).metadata()).width).toBe(100);
    const updated = (await (await put(media.id, alice, { thumbnail: await makePng(120, 90, "#00ff00") })).json()) as Media;
    expect(updated.preview_url).not.toBe(media.preview_url);
    expect((await sharp(fileOf(updated.preview_url)).metadata()).width).toBe(120);
    expect((await app.fetch(new Request(media.preview_url))).status).toBe(404);
  });

  it("refuses corrupt, unsupported and oversized files with 422 and keeps nothing", async () => {
    const rows = await count();
    const files = storedFiles(app.dataDir);
    const png = await makePng(50, 50);
    const cases: Record<string, Buffer | string>[] = [
      { file: png.subarray(0, 60) },
      { file: Buffer.from("just some text, not an image") },
      { file: Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>') },
      { file: Buffer.concat([png, Buffer.alloc(16 * 1024 * 1024)]) },
      { file: png, thumbnail: Buffer.from("broken thumbnail") },
      { description: "no file at all" },
    ];
    for (const fields of cases) {
      const res = await upload("/api/v2/media", alice, fields);
      expect(res.status).toBe(422);
      const body = (await res.json()) as { error: string };
      expectEntity(body, "Error");
      expect(body.error.length).toBeGreaterThan(0);
    }
    expect(await count()).toBe(rows);
    expect(storedFiles(app.dataDir)).toEqual(files);
    expect(await app.database.db.selectFrom("media_files").selectAll().where("media_attachment_id", "is", null).execute()).toEqual([]);
  });

  it("deletes an unattached upload and its files", async () => {
    const media = (await (await upload("/api/v2/media", alice, { file: await makePng(30, 30) })).json()) as Media;
    expect((await call(`/api/v1/media/${media.id}`, bob, { method: "DELETE" })).status).toBe(404);
    const res = await call(`/api/v1/media/${media.id}`, alice, { method: "DELETE" });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect((await call(`/api/v1/media/${media.id}`, alice)).status).toBe(404);
    expect((await app.fetch(new Request(media.url))).status).toBe(404);
    expect(storedFiles(app.dataDir).some((path) => media.url.endsWith(path))).toBe(false);
  });

  it("hides one's uploads from everyone else (404), and answers 401 and 403 like Mastodon", async () => {
    const media = (await (await upload("/api/v2/media", alice, { file: await makePng(20, 20) })).json()) as Media;
    expect((await call(`/api/v1/media/${media.id}`, bob)).status).toBe(404);
    expect((await put(media.id, bob, { description: "mine now" })).status).toBe(404);
    expect((await call("/api/v1/media/123456789", alice)).status).toBe(404);
    expect((await call("/api/v1/media/not-an-id", alice)).status).toBe(404);

    const png = await makePng(10, 10);
    for (const [token, status] of [[null, 401], ["bogus", 401], [readOnly, 403]] as const) {
      expect((await upload("/api/v2/media", token, { file: png })).status).toBe(status);
      expect((await upload("/api/v1/media", token, { file: png })).status).toBe(status);
      expect((await call(`/api/v1/media/${media.id}`, token)).status).toBe(status);
      expect((await put(media.id, token ?? "", { description: "x" })).status).toBe(status);
      expect((await call(`/api/v1/media/${media.id}`, token, { method: "DELETE" })).status).toBe(status);
    }
    // A token for an app acting for nobody cannot upload.
    expect((await upload("/api/v2/media", appOnly, { file: png })).status).toBe(422);
    expect(((await (await call(`/api/v1/media/${media.id}`, alice)).json()) as Media).description).toBeNull();
  });
});
