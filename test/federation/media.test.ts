// A local status with an uploaded image federates: the Create(Note) that
// federation/outbound sends carries an Image with the public URL, alt text,
// media type, width and height; the other instance shows it by reference and
// can fetch the file over the network.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { onStatusCreated } from "../../federation/outbound/status-events.ts";
import { writeTransaction } from "../../src/services/context.ts";
import { claimMediaForStatus } from "../../src/services/media/claim-media.ts";
import { makeJpegWithExif, multipart } from "../helpers/media.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
let alice: AccountRow, bob: AccountRow;
const dataDirs = { a: mkdtempSync(join(tmpdir(), "parley-media-a-")), b: mkdtempSync(join(tmpdir(), "parley-media-b-")) };

beforeAll(async () => {
  rig = await startRig(["a", "b"], {}, { a: { dataDir: dataDirs.a }, b: { dataDir: dataDirs.b } });
  [a, b] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  bob = await b.createAccount("bob");
});
afterAll(async () => {
  await rig?.close();
  for (const dir of Object.values(dataDirs)) rmSync(dir, { recursive: true, force: true });
});

describe("media federation", () => {
  it("sends a local image attachment as an Image with URL, alt text and size, which the follower shows and fetches", async () => {
    const token = await issueToken(a.app, alice.id);
    const res = await a.app.fetch(new Request(new URL("/api/v2/media", a.url), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}` },
      body: multipart({ file: await makeJpegWithExif(), description: "A red rectangle, upright" }),
    }));
    expect(res.status).toBe(200);
    const media = (await res.json()) as { id: string; url: string };

    // Posted before bob follows, so its first Create reaches nobody; the
    // media is attached as the statuses service will, then the very handler
    // federation/outbound runs for a new status sends it to bob's instance.
    const status = await a.post(alice, "A picture");
    await rig.settle();
    await followAcross(rig, b, bob, a, alice);
    const claimed = await writeTransaction(a.app.services.deps, (tx) => claimMediaForStatus(tx, alice.id, [media.id], status.id));
    expect(claimed.ok).toBe(true);
    await onStatusCreated(a.app.federation.createContext(a.url, a.app.contextData), { type: "status.created", statusId: status.id });
    await rig.settle();

    const there = await findStatusByUri(b.app.database.db, status.uri);
    expect(there).toBeDefined();
    const bobToken = await issueToken(b.app, bob.id);
    const shown = await b.app.fetch(new Request(new URL(`/api/v1/statuses/${there!.id}`, b.url), { headers: { Authorization: `Bearer ${bobToken}` } }));
    const entity = (await shown.json()) as { media_attachments: { type: string; url: string; remote_url: string; description: string; meta: unknown }[] };
    expectEntity(entity, "Status");
    expect(entity.media_attachments).toHaveLength(1);
    expect(entity.media_attachments[0]).toMatchObject({
      type: "image",
      url: media.url,
      remote_url: media.url,
      description: "A red rectangle, upright",
      meta: { original: { width: 200, height: 300 } },
    });

    const file = await fetch(media.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toBe("image/jpeg");
    expect(await sharp(Buffer.from(await file.arrayBuffer())).metadata()).toMatchObject({ width: 200, height: 300, format: "jpeg" });

    // The Note itself, as any server dereferences it.
    const note = (await (await fetch(status.uri, { headers: { Accept: "application/activity+json" } })).json()) as { attachment: unknown };
    expect(note.attachment).toMatchObject({ type: "Image", mediaType: "image/jpeg", url: media.url, name: "A red rectangle, upright", width: 200, height: 300 });
  });
});
