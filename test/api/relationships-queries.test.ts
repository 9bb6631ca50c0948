// Fixed query counts: the Relationship entities of any number of accounts,
// and the home fan-out of a post to any number of followers, each cost the
// same number of queries (STYLE.md, principle 6).
import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountsByIds } from "../../db/queries/accounts.ts";
import { findStatusById } from "../../db/queries/statuses.ts";
import { loadRelationships } from "../../db/queries/relationships.ts";
import { fanOutToHomes } from "../../src/services/statuses/fan-out.ts";
import { type AccountsTest, startAccountsTest, type User } from "./accounts-helpers.ts";

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

let t: AccountsTest;
let viewer: User;
const others: User[] = [];

beforeAll(async () => {
  t = await startAccountsTest();
  viewer = await t.user("viewer");
  for (let i = 0; i < 6; i++) others.push(await t.user(`other${i}`));
  // A bit of everything between them, so every kind of relation has rows.
  await t.send("POST", `/api/v1/accounts/${others[0]!.id}/follow`, viewer.token);
  await t.send("POST", `/api/v1/accounts/${viewer.id}/follow`, others[1]!.token);
  await t.send("POST", `/api/v1/accounts/${others[2]!.id}/mute`, viewer.token, { duration: 60 });
  await t.send("POST", `/api/v1/accounts/${others[3]!.id}/block`, viewer.token);
  await t.send("POST", `/api/v1/accounts/${others[0]!.id}/note`, viewer.token, { comment: "hi" });
  await t.send("POST", `/api/v1/accounts/${others[0]!.id}/endorse`, viewer.token);
  for (const other of others.slice(1)) await t.send("POST", `/api/v1/accounts/${viewer.id}/follow`, other.token);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("query counts", () => {
  it("loads relationships to 1 or 6 accounts with the same queries", async () => {
    const counts: number[] = [];
    for (const size of [1, 6]) {
      const counter = new QueryCounter();
      const targets = await findAccountsByIds(t.app.database.db, others.slice(0, size).map((o) => o.id));
      const facts = await loadRelationships(t.app.database.db.withPlugin(counter), viewer.id, targets);
      expect(facts).toHaveLength(size);
      counts.push(counter.count);
    }
    expect(counts[0]).toBe(counts[1]);
  });

  it("fans a post out to 1 or 5 followers with the same queries", async () => {
    const counts: number[] = [];
    const lonely = others[0]!;
    for (const author of [lonely, viewer]) {
      const id = await t.post(author, "#counted post mentioning @other4");
      const status = (await findStatusById(t.app.database.db, id))!;
      const [row] = await findAccountsByIds(t.app.database.db, [author.id]);
      const counter = new QueryCounter();
      await t.app.database.db.withPlugin(counter).transaction().execute((tx) => fanOutToHomes(tx, row!, status, [others[4]!.id]));
      counts.push(counter.count);
    }
    expect((await t.home(others[5]!))).toContain((await t.home(viewer))[0]);
    expect(counts[0]).toBe(counts[1]);
  });
});
