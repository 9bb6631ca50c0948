// Announcements: published by the operator (CLI), listed with the viewer's
// read flag and reactions, dismissed and reacted to through the API.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runInstanceCommand } from "../../src/cli/instance.ts";
import { expectEntities } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

type Announcement = { id: string; content: string; read: boolean; all_day: boolean; starts_at: string | null; tags: { name: string }[]; reactions: { name: string; count: number; me: boolean; url?: string }[] };

let t: ApiTest;
let alice: TestUser, bob: TestUser;

const list = async (viewer: TestUser) => {
  const response = await t.call("/api/v1/announcements", viewer.token);
  expect(response.status).toBe(200);
  const body = await response.json() as Announcement[];
  expectEntities(body, "Announcement");
  return body;
};
const put = (path: string, token: string) => t.call(path, token, { method: "PUT" });

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("announcements", () => {
  it("lists active announcements only, with rendered content", async () => {
    expect(await list(alice)).toEqual([]);
    vi.spyOn(console, "log").mockImplementation(() => {});
    const code = await runInstanceCommand(t.app, ["announcements", "add", "Maintenance", "tonight", "#ops", "https://status.parley.test", "--starts-at", "2030-01-01T20:00:00Z", "--ends-at", "2030-01-02T02:00:00Z"]);
    vi.restoreAllMocks();
    expect(code).toBe(0);
    await t.app.services.createAnnouncement({ text: "Ended already", endsAt: Date.now() - 1000 });
    await t.app.services.createAnnouncement({ text: "Not yet", publishAt: Date.now() + 3_600_000 });
    const [announcement, ...rest] = await list(alice);
    expect(rest).toEqual([]);
    expect(announcement).toMatchObject({ read: false, all_day: false, starts_at: "2030-01-01T20:00:00.000Z", tags: [{ name: "ops" }], reactions: [] });
    expect(announcement!.content).toContain('<a href="https://status.parley.test"');
  });

  it("marks an announcement read for the one who dismissed it", async () => {
    const [announcement] = await list(alice);
    const dismissed = await t.call(`/api/v1/announcements/${announcement!.id}/dismiss`, alice.token, { method: "POST" });
    expect(dismissed.status).toBe(200);
    expect(await dismissed.json()).toEqual({});
    expect((await list(alice))[0]!.read).toBe(true);
    expect((await list(bob))[0]!.read).toBe(false);
  });

  it("counts reactions with unicode and custom emoji, and whether the viewer reacted", async () => {
    const [announcement] = await list(alice);
    const base = `/api/v1/announcements/${announcement!.id}/reactions`;
    await t.app.services.addCustomEmoji({ shortcode: "blobcat", url: "https://cdn.parley.test/blobcat.png" });
    expect((await put(`${base}/${encodeURIComponent("👍")}`, alice.token)).status).toBe(200);
    expect((await put(`${base}/${encodeURIComponent("👍")}`, bob.token)).status).toBe(200);
    expect((await put(`${base}/${encodeURIComponent("👍")}`, bob.token)).status).toBe(200);
    expect((await put(`${base}/blobcat`, bob.token)).status).toBe(200);
    const unknown = await put(`${base}/notanemoji`, bob.token);
    expect(unknown.status).toBe(422);
    expect(await unknown.json()).toEqual({ error: "Validation failed: Name is not a recognized emoji" });

    const seenByAlice = (await list(alice))[0]!.reactions;
    expect(seenByAlice).toEqual([
      { name: "👍", count: 2, me: true },
      { name: "blobcat", count: 1, me: false, url: "https://cdn.parley.test/blobcat.png", static_url: "https://cdn.parley.test/blobcat.png" },
    ]);
    expect((await t.call(`${base}/${encodeURIComponent("👍")}`, alice.token, { method: "DELETE" })).status).toBe(200);
    expect((await list(bob))[0]!.reactions[0]).toEqual({ name: "👍", count: 1, me: true });
  });

  it("answers 401, 403 and 404", async () => {
    const [announcement] = await list(alice);
    expect((await t.call("/api/v1/announcements", null)).status).toBe(401);
    const readOnly = await t.user("reader", "read");
    expect((await t.call(`/api/v1/announcements/${announcement!.id}/dismiss`, readOnly.token, { method: "POST" })).status).toBe(403);
    expect((await put(`/api/v1/announcements/${announcement!.id}/reactions/blobcat`, readOnly.token)).status).toBe(403);
    expect((await t.call("/api/v1/announcements/123/dismiss", alice.token, { method: "POST" })).status).toBe(404);
    expect((await t.call("/api/v1/announcements/nope/dismiss", alice.token, { method: "POST" })).status).toBe(404);
    expect((await put("/api/v1/announcements/123/reactions/blobcat", alice.token)).status).toBe(404);
    // An announcement that is not yet published does not exist for users.
    const later = await t.app.services.createAnnouncement({ text: "Later", publishAt: Date.now() + 3_600_000 });
    if (!later.ok) throw new Error(later.message);
    expect((await t.call(`/api/v1/announcements/${later.value.id}/dismiss`, alice.token, { method: "POST" })).status).toBe(404);
  });
});
