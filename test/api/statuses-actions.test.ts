// Bookmarks, pins and conversation mutes on statuses, the bookmark and
// favourite lists, and the fixed query count of a page's viewer data.
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStatusPage } from "../../db/queries/status-page.ts";
import { findStatusesByIds } from "../../db/queries/statuses.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
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

const act = (user: TestUser | null, id: string, action: string) => t.send("POST", `/api/v1/statuses/${id}/${action}`, user?.token ?? null);

describe("bookmarks", () => {
  it("bookmarks and lists by bookmark, newest bookmark first, with Link headers", async () => {
    const older = await t.post(alice, { status: "older post" });
    const newer = await t.post(alice, { status: "newer post" });
    const marked = await t.json(act(bob, newer.id, "bookmark"));
    expectEntity(marked, "Status");
    expect(marked.bookmarked).toBe(true);
    await act(bob, older.id, "bookmark");

    const first = await t.call("/api/v1/bookmarks?limit=1", bob.token);
    const page = await first.json();
    expectEntities(page, "Status");
    // Bookmarked last, so listed first, though it is the older post.
    expect(page.map((s: { id: string }) => s.id)).toEqual([older.id]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link") ?? "")![1]!;
    const rest = await t.json(t.call(new URL(next).pathname + new URL(next).search, bob.token));
    expect(rest.map((s: { id: string }) => s.id)).toEqual([newer.id]);

    const unmarked = await t.json(act(bob, newer.id, "unbookmark"));
    expect(unmarked.bookmarked).toBe(false);
    expect((await t.json(t.call("/api/v1/bookmarks", bob.token))).map((s: { id: string }) => s.id)).toEqual([older.id]);
  });

  it("answers 401, 403 and 404 as Mastodon", async () => {
    const post = await t.post(alice, { status: "for the rules" });
    const secret = await t.post(alice, { status: "direct", visibility: "direct" });
    expect((await act(null, post.id, "bookmark")).status).toBe(401);
    const readOnly = await issueToken(t.app, bob.id, "read");
    expect((await t.send("POST", `/api/v1/statuses/${post.id}/bookmark`, readOnly)).status).toBe(403);
    expect((await act(bob, secret.id, "bookmark")).status).toBe(404);
    expect((await t.call("/api/v1/bookmarks", null)).status).toBe(401);
    const noBookmarks = await issueToken(t.app, bob.id, "read:favourites");
    expect((await t.call("/api/v1/bookmarks", noBookmarks)).status).toBe(403);
  });
});

describe("favourites list", () => {
  it("lists favourited statuses by favourite, newest first", async () => {
    const a = await t.post(alice, { status: "fav a" });
    const b = await t.post(alice, { status: "fav b" });
    await act(bob, b.id, "favourite");
    await act(bob, a.id, "favourite");
    const response = await t.call("/api/v1/favourites?limit=2", bob.token);
    const page = await response.json();
    expectEntities(page, "Status");
    expect(page.map((s: { id: string }) => s.id)).toEqual([a.id, b.id]);
    expect(page.every((s: { favourited: boolean }) => s.favourited)).toBe(true);
    expect(response.headers.get("Link")).toContain("max_id=");
    expect((await t.call("/api/v1/favourites", null)).status).toBe(401);
    const noFavourites = await issueToken(t.app, bob.id, "read:bookmarks");
    expect((await t.call("/api/v1/favourites", noFavourites)).status).toBe(403);
  });
});

describe("pins", () => {
  it("pins one's own public and unlisted statuses, up to five", async () => {
    const mine = [];
    for (let i = 0; i < 6; i++) mine.push(await t.post(bob, { status: `pin ${i}`, visibility: i % 2 ? "unlisted" : "public" }));
    for (const status of mine.slice(0, 5)) expect((await t.json(act(bob, status.id, "pin"))).pinned).toBe(true);
    const sixth = await act(bob, mine[5].id, "pin");
    expect(sixth.status).toBe(422);
    expectEntity(await sixth.json(), "Error");
    expect((await act(bob, mine[0].id, "pin")).status).toBe(200);

    const unpinned = await t.json(act(bob, mine[0].id, "unpin"));
    expect(unpinned.pinned).toBe(false);
    expect((await act(bob, mine[5].id, "pin")).status).toBe(200);

    const privatePost = await t.post(bob, { status: "followers only", visibility: "private" });
    expect((await act(bob, privatePost.id, "pin")).status).toBe(422);
    const alices = await t.post(alice, { status: "alice's" });
    expect((await act(bob, alices.id, "pin")).status).toBe(422);
    // Only one's own statuses say whether they are pinned.
    expect(await t.json(t.call(`/api/v1/statuses/${alices.id}`, bob.token))).not.toHaveProperty("pinned");
    const readOnly = await issueToken(t.app, bob.id, "read write:statuses");
    expect((await t.send("POST", `/api/v1/statuses/${mine[1].id}/unpin`, readOnly)).status).toBe(403);
    expect((await act(null, mine[1].id, "unpin")).status).toBe(401);
  });
});

describe("conversation mutes", () => {
  it("marks the whole thread muted for the account", async () => {
    const root = await t.post(alice, { status: "a thread" });
    const reply = await t.post(bob, { status: "a reply", in_reply_to_id: root.id });
    const muted = await t.json(act(alice, reply.id, "mute"));
    expectEntity(muted, "Status");
    expect(muted.muted).toBe(true);
    expect((await t.json(t.call(`/api/v1/statuses/${root.id}`, alice.token))).muted).toBe(true);
    expect((await t.json(t.call(`/api/v1/statuses/${root.id}`, bob.token))).muted).toBe(false);
    // Nothing about the thread notifies her while it is muted: replies mentioning her, favourites.
    const thread = [root.id, reply.id, (await t.post(bob, { status: "@alice are you there?", in_reply_to_id: reply.id })).id];
    await act(bob, root.id, "favourite");
    const about = () => t.app.database.db.selectFrom("notifications").select("type").where("account_id", "=", alice.id).where("status_id", "in", thread).execute();
    expect(await about()).toEqual([]);
    expect((await t.json(act(alice, root.id, "unmute"))).muted).toBe(false);
    thread.push((await t.post(bob, { status: "@alice now?", in_reply_to_id: root.id })).id);
    expect((await about()).map((n) => n.type)).toEqual(["mention"]);
    const secret = await t.post(bob, { status: "direct", visibility: "direct" });
    expect((await act(alice, secret.id, "mute")).status).toBe(404);
    const noMutes = await issueToken(t.app, alice.id, "read write:statuses");
    expect((await t.send("POST", `/api/v1/statuses/${root.id}/mute`, noMutes)).status).toBe(403);
  });
});

describe("a page's viewer data", () => {
  it("costs the same number of queries for one status as for many", async () => {
    const posted = [];
    for (let i = 0; i < 8; i++) posted.push(await t.post(alice, { status: `page ${i}`, poll: { options: ["a", "b"], expires_in: 600 } }));
    for (const status of posted) {
      await act(bob, status.id, "bookmark");
      await t.send("POST", `/api/v1/polls/${status.id}/votes`, bob.token, { choices: [0] });
    }
    let queries = 0;
    const counting: KyselyPlugin = {
      transformQuery: (args) => {
        queries++;
        return args.node;
      },
      transformResult: async (args) => args.result,
    };
    const db = t.app.database.db.withPlugin(counting);
    const rows = await findStatusesByIds(t.app.database.db, posted.map((s) => s.id));
    await loadStatusPage(db, rows.slice(0, 1), bob.id);
    const forOne = queries;
    queries = 0;
    const page = await loadStatusPage(db, rows, bob.id);
    expect(queries).toBe(forOne);
    expect([...page.viewer.values()].every((f) => f.bookmarked)).toBe(true);
    expect([...page.ownVotes.values()]).toEqual(rows.map(() => [0]));
  });
});
