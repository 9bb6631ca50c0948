// The operator's CLI for automatic rules and holds: a rule added in dry run
// from the command line reaches the running server (another process) through
// the rules' version, reports what it matched, is enforced, and what it holds
// is listed, released and removed from the CLI; all audited as "cli".
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv, runParley } from "../helpers/child-process.ts";
import { eventually } from "../rig/rig.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser;
const cli = (...args: string[]) => runParley(args, { ...databaseEnv(t.app.database.config), PARLEY_PUBLIC_URL: "https://parley.test", PARLEY_LOG_LEVEL: "error" });
const ok = async (...args: string[]) => {
  const run = await cli(...args);
  expect(run.code, run.stderr).toBe(0);
  return run.stdout;
};

beforeAll(async () => {
  t = await startApiTest();
  [alice, bob] = [await t.user("alice"), await t.user("bob")];
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("rules and holds from the CLI", () => {
  it("add a dry-run rule, read its report, enforce it, then release and remove what it holds", { timeout: 180_000 }, async () => {
    const added = await ok("rules", "add", "keyword", "cli phrase", "--action", "hold", "--fields", "text,spoiler", "--dry-run", "--comment", "testing");
    const ruleId = /Rule (\d+) added/.exec(added)![1]!;
    // The server process sees the new rule within a second (its version is checked at most once a second).
    await eventually(async () => {
      await t.post(alice, "a cli phrase, counted");
      return (await t.app.database.db.selectFrom("moderation_rules").select("matches_count").where("id", "=", ruleId).executeTakeFirst())?.matches_count;
    }, { what: "the dry-run rule to count a match" });
    expect(await ok("rules", "list")).toContain(`${ruleId}\tkeyword\thold\tdry-run`);
    expect(await ok("rules", "dry-run-report")).toContain("text has \"cli phrase\": a cli phrase, counted");

    await ok("rules", "enforce", ruleId);
    const held = await eventually(async () => {
      const post = await t.post(alice, "another cli phrase");
      return (await t.call(`/api/v1/statuses/${post.id}`, bob.token)).status === 404 ? post : null;
    }, { what: "the enforced rule to hold a post" });
    expect(await ok("holds", "list")).toContain(`${held.id}\tsystem\t${"alice"}`);
    await ok("holds", "release", held.id);
    expect((await t.call(`/api/v1/statuses/${held.id}`, bob.token)).status).toBe(200);

    const other = await t.post(alice, "cli phrase once more");
    expect((await t.call(`/api/v1/statuses/${other.id}`, bob.token)).status).toBe(404);
    await ok("holds", "remove", other.id, "--reason", "spam");
    expect((await t.call(`/api/v1/statuses/${other.id}`, alice.token)).status).toBe(404);
    expect(await ok("holds", "list")).not.toContain(other.id);

    await ok("rules", "remove", ruleId);
    expect(await ok("rules", "list")).toBe("");
    const audit = await ok("audit-log", "--limit", "20");
    for (const action of ["rule.create", "rule.update", "status.release", "status.remove", "rule.delete"]) expect(audit).toContain(action);
    const refused = await cli("rules", "add", "regex", "(a)\\1", "--action", "hold");
    expect([refused.code, refused.stderr]).toEqual([1, expect.stringContaining("not a valid RE2 expression")]);
    expect((await cli("rules", "add", "keyword", "x")).code).toBe(2);
  });
});
