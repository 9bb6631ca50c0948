// Which uploads Parley takes: images only (video and audio would need ffmpeg,
// which Parley does not depend on), and /api/v2/instance (and v1) says exactly
// that: every listed type is accepted, video and audio are refused with 422.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntity } from "../helpers/openapi.ts";
import { type MediaTestApp, multipart, startMediaTestApp } from "../helpers/media.ts";
import { issueToken } from "../helpers/tokens.ts";

const origin = "https://parley.test";
let app: MediaTestApp;
let token: string;

const upload = (file: Buffer) => {
  const headers = new Headers({ Authorization: `Bearer ${token}` });
  return app.fetch(new Request(`${origin}/api/v2/media`, { method: "POST", headers, body: multipart({ file }) }));
};
const mimeTypes = async (path: string) => {
  const instance = await (await app.fetch(new Request(`${origin}${path}`))).json() as { configuration: { media_attachments: { supported_mime_types: string[] } } };
  return [...instance.configuration.media_attachments.supported_mime_types].sort();
};

// A picture in each format sharp can write.
const picture = (format: "jpeg" | "png" | "webp" | "gif" | "avif") =>
  sharp({ create: { width: 16, height: 16, channels: 3, background: "#3366cc" } }).toFormat(format).toBuffer();

// The first bytes of an MP4 (ftyp box), a WAV and an MP3 file: what a client would send as video or audio.
const MP4 = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from("ftypmp42"), Buffer.alloc(4), Buffer.from("mp42isom"), Buffer.alloc(64)]);
const WAV = Buffer.concat([Buffer.from("RIFF"), Buffer.from([36, 0, 0, 0]), Buffer.from("WAVEfmt "), Buffer.alloc(64)]);
const MP3 = Buffer.concat([Buffer.from("ID3"), Buffer.from([3, 0, 0, 0, 0, 0, 0]), Buffer.from([0xff, 0xfb, 0x90, 0x64]), Buffer.alloc(64)]);

beforeAll(async () => {
  app = await startMediaTestApp(origin);
  const created = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: "long enough password" });
  if (!created.ok) throw new Error(created.message);
  token = await issueToken(app, created.value.id);
});
afterAll(async () => {
  await app?.dispose();
});

describe("supported media types", () => {
  it("lists exactly the image types Parley converts, in v2 and v1, and no video or audio", async () => {
    const expected = ["image/avif", "image/gif", "image/jpeg", "image/png", "image/webp"];
    expect(await mimeTypes("/api/v2/instance")).toEqual(expected);
    expect(await mimeTypes("/api/v1/instance")).toEqual(expected);
  });

  it("accepts every listed type", async () => {
    for (const format of ["jpeg", "png", "webp", "gif", "avif"] as const) {
      const response = await upload(await picture(format));
      expect(response.status, format).toBe(200);
      expect(await response.json(), format).toMatchObject({ type: "image" });
    }
  });

  it("refuses video and audio with 422", async () => {
    for (const [name, file] of Object.entries({ MP4, WAV, MP3 })) {
      const response = await upload(file);
      expect(response.status, name).toBe(422);
      expectEntity(await response.json(), "Error");
    }
  });
});
