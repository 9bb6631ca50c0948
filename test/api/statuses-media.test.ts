// Uploads on statuses: media_ids when posting, editing and scheduling, the
// media of each revision in the history, and scheduled uploads kept from
// media cleanup until they are published.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cleanUpMedia, MEDIA_GRACE_MS } from "../../src/services/media/clean-up-media.ts";
import { makePng, multipart } from "../helpers/media.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { startStatusesTest, type TestUser } from "./statuses-helpers.ts";

let t: Awaited<ReturnType<typeof startStatusesTest>>;
let alice: TestUser, bob: TestUser;

beforeAll(async () => {
  t = await startStatusesTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
});
afterAll(async () => {
  await t?.app.dispose();
});

async function upload(user: TestUser, description: string): Promise<string> {
  const response = await t.call("/api/v2/media", user.token, { method: "POST", body: multipart({ file: await makePng(32, 24), description }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}
const descriptions = (entity: { media_attachments: { description: string }[] }) => entity.media_attachments.map((m) => m.description);

describe("media_ids", () => {
  it("attaches one's own uploads in order, and refuses others' or too many", async () => {
    const [a, b] = [await upload(alice, "a"), await upload(alice, "b")];
    const status = await t.post(alice, { status: "two pictures", media_ids: [b, a] });
    expectEntity(status, "Status");
    expect(descriptions(status)).toEqual(["b", "a"]);
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "again", media_ids: [a] })).status).toBe(422);
    const bobs = await upload(bob, "bob's");
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "not mine", media_ids: [bobs] })).status).toBe(422);
    const five = [];
    for (let i = 0; i < 5; i++) five.push(await upload(alice, `n${i}`));
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "too many", media_ids: five })).status).toBe(422);
    const mediaOnly = await t.post(alice, { media_ids: [five[0]] });
    expect(descriptions(mediaOnly)).toEqual(["n0"]);
  });

  it("edits the media, and the history shows each revision's", async () => {
    const [a, b, c] = [await upload(alice, "a"), await upload(alice, "b"), await upload(alice, "c")];
    const status = await t.post(alice, { status: "pictures", media_ids: [a, b] });
    const edited = await t.json(t.send("PUT", `/api/v1/statuses/${status.id}`, alice.token, { status: "pictures, changed", media_ids: [b, c] }));
    expect(descriptions(edited)).toEqual(["b", "c"]);
    const history = await t.json(t.call(`/api/v1/statuses/${status.id}/history`, alice.token));
    // The upload left out was deleted with the edit, so the first revision keeps only what is still stored.
    expect(history.map(descriptions)).toEqual([["b"], ["b", "c"]]);
  });

  it("lets an edit leave only media, without text", async () => {
    const picture = await upload(alice, "only");
    const status = await t.post(alice, { status: "words for now", media_ids: [picture] });
    const edited = await t.send("PUT", `/api/v1/statuses/${status.id}`, alice.token, { status: "", media_ids: [picture] });
    expect(edited.status).toBe(200);
    expect(descriptions(await edited.json())).toEqual(["only"]);
  });
});

describe("scheduled statuses with media", () => {
  it("keeps the uploads through media cleanup and attaches them when published", async () => {
    const picture = await upload(alice, "later");
    const scheduled = await t.json(t.send("POST", "/api/v1/statuses", alice.token, {
      status: "a picture, later",
      media_ids: [picture],
      scheduled_at: new Date(Date.now() + 3 * 86_400_000).toISOString(),
    }));
    expectEntity(scheduled, "ScheduledStatus");
    expect(descriptions(scheduled)).toEqual(["later"]);
    const twice = await t.send("POST", "/api/v1/statuses", alice.token, {
      status: "the same picture",
      media_ids: [picture],
      scheduled_at: new Date(Date.now() + 86_400_000).toISOString(),
    });
    expect(twice.status).toBe(422);

    await cleanUpMedia(t.app.services.deps, Date.now() + 2 * MEDIA_GRACE_MS);
    await t.app.services.runScheduledWork(async () => null, Date.now() + 3 * 86_400_000 + 60_000);
    const published = await t.app.database.db.selectFrom("statuses").select("id").where("text", "=", "a picture, later").executeTakeFirstOrThrow();
    const status = await t.json(t.call(`/api/v1/statuses/${published.id}`, alice.token));
    expect(descriptions(status)).toEqual(["later"]);
  });
});
