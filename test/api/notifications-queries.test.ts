// Fixed query counts (STYLE.md, principle 6): a page of notifications, of
// notification groups or of conversations costs the same queries for 1 item or many.
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pageConversations } from "../../db/queries/conversations.ts";
import { findGroupSenders, pageNotificationGroups } from "../../db/queries/notification-groups.ts";
import { pageNotifications } from "../../db/queries/notifications.ts";
import { loadRelatedPage } from "../../db/queries/related-page.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return args.result;
  }
}

let t: ApiTest;
let alice: TestUser;

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  for (let i = 0; i < 4; i++) {
    const fan = await t.user(`fan${i}`);
    await t.follow(alice, fan);
    const post = await t.post(alice, `post ${i}`);
    await t.send("POST", `/api/v1/statuses/${post.id}/favourite`, fan.token);
    await t.post(fan, `@alice mention ${i}`);
    await t.post(fan, `@alice direct ${i}`, { visibility: "direct" });
  }
});
afterAll(async () => {
  await t?.app.dispose();
});

const range = (limit: number) => ({ lower: null, upper: null, ascending: false, limit });

describe("query counts", () => {
  it("serializes 1 or 8 notifications with the same queries", async () => {
    const counts: number[] = [];
    for (const limit of [1, 8]) {
      const counter = new QueryCounter();
      const db = t.app.database.db.withPlugin(counter);
      const rows = await pageNotifications(db, alice.id, {}, range(limit));
      expect(rows).toHaveLength(limit);
      await loadRelatedPage(db, rows.map((r) => r.from_account_id), rows.map((r) => r.status_id), alice.id);
      counts.push(counter.count);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it("loads 1 or 8 notification groups with their senders and statuses with the same queries", async () => {
    const counts: number[] = [];
    for (const limit of [1, 8]) {
      const counter = new QueryCounter();
      const db = t.app.database.db.withPlugin(counter);
      const groups = await pageNotificationGroups(db, alice.id, {}, null, range(limit));
      expect(groups).toHaveLength(limit);
      const senders = await findGroupSenders(db, alice.id, {}, null, groups);
      await loadRelatedPage(db, [...senders.values()].flat(), groups.map((g) => g.status_id), alice.id);
      counts.push(counter.count);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it("loads 1 or 4 conversations with the same queries", async () => {
    const counts: number[] = [];
    for (const limit of [1, 4]) {
      const counter = new QueryCounter();
      const db = t.app.database.db.withPlugin(counter);
      const rows = await pageConversations(db, alice.id, range(limit));
      expect(rows).toHaveLength(limit);
      await loadRelatedPage(db, rows.flatMap((r) => r.participant_ids.split(",")), rows.map((r) => r.last_status_id), alice.id);
      counts.push(counter.count);
    }
    expect(counts[0]).toBe(counts[1]);
  });
});
