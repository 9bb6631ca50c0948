// Fixed query counts of the home timeline (STYLE.md, principle 6): reading and
// serializing a page of 5 or of 40 statuses runs the same queries, counted as
// they execute. The five newest entries already hold a boost of a poll posted
// with an app (boosted originals, applications, the viewer's votes), media,
// mentions, tags and a status a filter matches, so the short page needs every
// optional query the long one needs.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadStatusPage } from "../../db/queries/status-page.ts";
import { pageHomeTimeline } from "../../db/queries/timelines.ts";
import { serializeStatuses, type StatusEntity } from "../../src/entities/status.ts";
import { makePng, multipart } from "../helpers/media.ts";
import { expectEntities } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

/** Counts the queries that ran (a subquery is part of its query: only executed ones reach transformResult). */
class ExecutedQueries implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    this.count++;
    return args.result;
  }
}

let t: ApiTest;
let alice: TestUser;

async function upload(user: TestUser): Promise<string> {
  const response = await t.call("/api/v2/media", user.token, { method: "POST", body: multipart({ file: await makePng(16, 16), description: "a square" }) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { id: string }).id;
}

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  const bob = await t.user("bob");
  const carol = await t.user("carol");
  const erin = await t.user("erin");
  for (const followed of [bob, carol]) await t.follow(alice, followed);
  await t.send("POST", "/api/v2/filters", alice.token, { title: "Spoilers", context: ["home"], filter_action: "warn", keywords_attributes: [{ keyword: "spoiler" }] });
  for (let i = 0; i < 15; i++) {
    await t.post(bob, `post ${i} about #cats with @carol`);
    const parent = await t.post(carol, `thread ${i} #dogs`);
    await t.post(carol, `reply ${i}`, { in_reply_to_id: parent.id });
  }
  // The five newest: a filtered status mentioning alice, media, a reply, and the boost of a poll.
  const parent = await t.post(carol, "a question #dogs");
  await t.post(carol, "a spoiler for @alice");
  await t.post(bob, "a picture for @carol #cats", { media_ids: [await upload(bob)] });
  await t.post(carol, "an answer", { in_reply_to_id: parent.id });
  const poll = await t.post(erin, "a poll", { poll: { options: ["yes", "no"], expires_in: 3600 } });
  await t.send("POST", `/api/v1/polls/${poll.id}/votes`, alice.token, { choices: [1] });
  await t.send("POST", `/api/v1/statuses/${poll.id}/reblog`, bob.token);
});
afterAll(async () => {
  await t?.app.dispose();
});

/** Reads and serializes alice's newest `limit` home entries; returns the page and the queries it ran. */
async function homePage(limit: number): Promise<{ entities: StatusEntity[]; queries: number }> {
  const counter = new ExecutedQueries();
  const db = t.app.database.db.withPlugin(counter);
  const rows = await pageHomeTimeline(db, alice.id, { lower: null, upper: null, ascending: false, limit });
  const page = await loadStatusPage(db, rows, alice.id, "home");
  return { entities: serializeStatuses({ uris: t.app.contextData.uris }, page, rows), queries: counter.count };
}

describe("home timeline query count", () => {
  it("reads and serializes a page of 5 with reblogs, media, polls and mentions in as many queries as a page of 40", async () => {
    const short = await homePage(5);
    expect(short.entities).toHaveLength(5);
    const [boost, answer, picture, spoiler] = short.entities;
    expect(boost!.reblog?.poll?.own_votes).toEqual([1]);
    expect(boost!.reblog?.application?.name).toBeTruthy();
    expect(answer!.in_reply_to_id).not.toBeNull();
    expect(picture!.media_attachments).toHaveLength(1);
    expect(picture!.mentions.map((m) => m.username)).toEqual(["carol"]);
    expect(picture!.tags.map((tag) => tag.name)).toEqual(["cats"]);
    expect(spoiler!.mentions.map((m) => m.username)).toEqual(["alice"]);
    expect(spoiler!.filtered?.map((f) => f.filter.title)).toEqual(["Spoilers"]);

    const long = await homePage(40);
    expect(long.entities).toHaveLength(40);
    expect(long.queries).toBe(short.queries);
    expect(short.queries).toBeGreaterThan(0);
  });

  it("answers GET /api/v1/timelines/home with the same page", async () => {
    for (const limit of [5, 40]) {
      const page = await t.json<{ id: string }[]>(t.call(`/api/v1/timelines/home?limit=${limit}`, alice.token));
      expectEntities(page, "Status");
      expect(page.map((s) => s.id)).toEqual((await homePage(limit)).entities.map((s) => s.id));
    }
  });
});
