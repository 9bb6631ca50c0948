// Filters at work: a "hide" filter leaves matching statuses out of the home
// timeline and notifications in its contexts; "warn" filters mark statuses
// with `filtered` (FilterResult), keywords match whole words or substrings,
// filtered statuses by id, expired filters do nothing, and the viewer's own
// statuses are never filtered.
import type { KyselyPlugin } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStatusPage } from "../../db/queries/status-page.ts";
import { findStatusesByIds } from "../../db/queries/statuses.ts";
import { expectEntities } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

type Status = { id: string; content: string; filtered?: { filter: { id: string; filter_action: string }; keyword_matches: string[] | null; status_matches: string[] | null }[]; reblog: Status | null };

let t: ApiTest;
let alice: TestUser, bob: TestUser;

const home = async (viewer: TestUser) => {
  const statuses = await t.json<Status[]>(t.call("/api/v1/timelines/home?limit=40", viewer.token));
  expectEntities(statuses, "Status");
  return statuses;
};
const filter = (owner: TestUser, body: Record<string, unknown>) => t.json<{ id: string }>(t.send("POST", "/api/v2/filters", owner.token, body));

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
  await t.follow(alice, bob);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("filters applied to statuses", () => {
  it("hides statuses in the filter's contexts and marks warn matches", async () => {
    const hidden = await filter(alice, { title: "No greens", context: ["home", "notifications"], filter_action: "hide", keywords_attributes: [{ keyword: "broccoli" }] });
    const warned = await filter(alice, { title: "Soy", context: ["home"], filter_action: "warn", keywords_attributes: [{ keyword: "tofu", whole_word: true }] });
    const greens = await t.post(bob, "Broccoli for dinner");
    const soy = await t.post(bob, "Tofu time, #tofu");
    const plain = await t.post(bob, "Nothing to see here");
    const substring = await t.post(bob, "tofurky is not tofu-free? It is: tofux");

    const timeline = await home(alice);
    const ids = timeline.map((s) => s.id);
    expect(ids).not.toContain(greens.id);
    expect(ids).toEqual(expect.arrayContaining([soy.id, plain.id, substring.id]));
    const soyEntity = timeline.find((s) => s.id === soy.id)!;
    expect(soyEntity.filtered).toEqual([{
      filter: { id: warned.id, title: "Soy", context: ["home"], filter_action: "warn", expires_at: null },
      keyword_matches: ["tofu"],
      status_matches: null,
    }]);
    expect(timeline.find((s) => s.id === plain.id)!.filtered).toEqual([]);
    // "tofu-free": a whole word "tofu" (the hyphen is a boundary); "tofurky" alone would not be.
    expect(timeline.find((s) => s.id === substring.id)!.filtered).toHaveLength(1);
    const tofurky = await t.post(bob, "tofurky only");
    expect((await home(alice)).find((s) => s.id === tofurky.id)!.filtered).toEqual([]);

    // Outside its contexts a hide filter does not drop the status: it is marked, and clients decide.
    const single = await t.json<Status>(t.call(`/api/v1/statuses/${greens.id}`, alice.token));
    expect(single.filtered?.map((f) => f.filter.id)).toEqual([hidden.id]);
    const publicTimeline = await t.json<Status[]>(t.call("/api/v1/timelines/public?limit=40", alice.token));
    expect(publicTimeline.map((s) => s.id)).toContain(greens.id);

    // Others see everything unfiltered.
    const bobsOwn = await home(bob);
    expect(bobsOwn.map((s) => s.id)).toContain(greens.id);
    expect(bobsOwn.every((s) => (s.filtered ?? []).length === 0)).toBe(true);
  });

  it("hides a boost of a hidden status, and matches the original of a boost", async () => {
    const carol = await t.user("carol");
    await t.follow(alice, carol);
    const original = await t.post(carol, "Eggplant parade");
    const hidden = await filter(alice, { title: "Eggplant", context: ["home"], filter_action: "hide", keywords_attributes: [{ keyword: "eggplant" }] });
    const boost = await t.json<Status>(t.call(`/api/v1/statuses/${original.id}/reblog`, bob.token, { method: "POST" }));
    const ids = (await home(alice)).map((s) => s.id);
    expect(ids).not.toContain(original.id);
    expect(ids).not.toContain(boost.id);
    await t.call(`/api/v2/filters/${hidden.id}`, alice.token, { method: "DELETE" });
    const shown = await home(alice);
    expect(shown.map((s) => s.id)).toContain(boost.id);
  });

  it("drops notifications whose status a notifications-context hide filter matches", async () => {
    await filter(alice, { title: "Spoilers", context: ["notifications"], filter_action: "hide", keywords_attributes: [{ keyword: "finale" }] });
    const spoiler = await t.post(bob, "@alice the finale was wild");
    const fine = await t.post(bob, "@alice lunch?");
    const notifications = await t.json<{ status?: { id: string } }[]>(t.call("/api/v1/notifications?types[]=mention", alice.token));
    const statusIds = notifications.map((n) => n.status?.id);
    expect(statusIds).toContain(fine.id);
    expect(statusIds).not.toContain(spoiler.id);
    // The home timeline is not in that filter's contexts.
    expect((await home(alice)).map((s) => s.id)).toContain(spoiler.id);
  });

  it("filters statuses by id, ignores expired filters and the viewer's own statuses", async () => {
    const target = await t.post(bob, "an ordinary post");
    const byId = await filter(alice, { title: "This one", context: ["home"], filter_action: "warn" });
    await t.send("POST", `/api/v2/filters/${byId.id}/statuses`, alice.token, { status_id: target.id });
    const marked = (await home(alice)).find((s) => s.id === target.id)!;
    expect(marked.filtered).toEqual([expect.objectContaining({ status_matches: [target.id], keyword_matches: null })]);

    const expired = await filter(alice, { title: "Old", context: ["home"], filter_action: "hide", keywords_attributes: [{ keyword: "yesterday" }] });
    await t.app.database.db.updateTable("filters").set({ expires_at: Date.now() - 1000 }).where("id", "=", expired.id).execute();
    const old = await t.post(bob, "yesterday's news");
    expect((await home(alice)).map((s) => s.id)).toContain(old.id);

    await filter(bob, { title: "Self", context: ["home"], filter_action: "hide", keywords_attributes: [{ keyword: "myself" }] });
    const own = await t.post(bob, "about myself");
    const ownEntity = (await home(bob)).find((s) => s.id === own.id);
    expect(ownEntity?.filtered).toEqual([]);
  });

  it("loads the viewer's filters in one query, whatever the page's length", async () => {
    const posts = [];
    for (let i = 0; i < 6; i++) posts.push(await t.post(bob, `counted ${i}`));
    const byStatus = await filter(alice, { title: "Counted", context: ["home"], keywords_attributes: [{ keyword: "counted" }] });
    for (const post of posts.slice(0, 3)) await t.send("POST", `/api/v2/filters/${byStatus.id}/statuses`, alice.token, { status_id: post.id });
    let queries = 0;
    const counting: KyselyPlugin = { transformQuery: (args) => (queries++, args.node), transformResult: async (args) => args.result };
    const db = t.app.database.db.withPlugin(counting);
    const rows = await findStatusesByIds(t.app.database.db, posts.map((p) => p.id));
    await loadStatusPage(db, rows.slice(0, 1), alice.id, "home");
    const forOne = queries;
    queries = 0;
    const page = await loadStatusPage(db, rows, alice.id, "home");
    expect(queries).toBe(forOne);
    expect(page.filters.find((f) => f.filter.id === byStatus.id)?.filter.statusIds).toHaveLength(3);
  });
});
