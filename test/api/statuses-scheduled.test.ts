// Scheduled statuses: the endpoints, and publication by the scheduler's tick
// (called with the time it should believe, no sleeping).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scheduledPost } from "../../src/services/statuses/publish-scheduled-statuses.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { startStatusesTest, type TestUser } from "./statuses-helpers.ts";

let t: Awaited<ReturnType<typeof startStatusesTest>>;
let alice: TestUser, bob: TestUser;
const resolve = async () => null;

beforeAll(async () => {
  t = await startStatusesTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
});
afterAll(async () => {
  await t?.app.dispose();
});

const inMinutes = (minutes: number) => new Date(Date.now() + minutes * 60_000).toISOString();
const schedule = (user: TestUser, body: Record<string, unknown>) => t.json(t.send("POST", "/api/v1/statuses", user.token, body));
const statusesWithText = (text: string) => t.app.database.db.selectFrom("statuses").selectAll().where("text", "=", text).execute();

describe("/api/v1/scheduled_statuses", () => {
  it("lists, shows, moves and cancels one's own scheduled statuses", async () => {
    const first = await schedule(alice, { status: "one", scheduled_at: inMinutes(30) });
    const second = await schedule(alice, { status: "two", scheduled_at: inMinutes(40), visibility: "unlisted" });
    await schedule(bob, { status: "bob's", scheduled_at: inMinutes(30) });

    const listed = await t.call("/api/v1/scheduled_statuses?limit=1", alice.token);
    const page = await listed.json();
    expectEntities(page, "ScheduledStatus");
    expect(page.map((s: { id: string }) => s.id)).toEqual([second.id]);
    expect(listed.headers.get("Link")).toContain(`max_id=${second.id}`);
    const rest = await t.json(t.call(`/api/v1/scheduled_statuses?max_id=${second.id}`, alice.token));
    expect(rest.map((s: { id: string }) => s.id)).toEqual([first.id]);

    const one = await t.json(t.call(`/api/v1/scheduled_statuses/${first.id}`, alice.token));
    expectEntity(one, "ScheduledStatus");
    expect(one.params.text).toBe("one");
    expect((await t.call(`/api/v1/scheduled_statuses/${first.id}`, bob.token)).status).toBe(404);

    expect((await t.send("PUT", `/api/v1/scheduled_statuses/${first.id}`, alice.token, { scheduled_at: inMinutes(2) })).status).toBe(422);
    const later = inMinutes(90);
    const moved = await t.json(t.send("PUT", `/api/v1/scheduled_statuses/${first.id}`, alice.token, { scheduled_at: later }));
    expectEntity(moved, "ScheduledStatus");
    expect(Date.parse(moved.scheduled_at)).toBe(Date.parse(later));
    expect((await t.send("PUT", `/api/v1/scheduled_statuses/${first.id}`, bob.token, { scheduled_at: later })).status).toBe(404);

    expect((await t.send("DELETE", `/api/v1/scheduled_statuses/${first.id}`, bob.token)).status).toBe(404);
    const deleted = await t.send("DELETE", `/api/v1/scheduled_statuses/${first.id}`, alice.token);
    expect(deleted.status).toBe(200);
    expect(await deleted.json()).toEqual({});
    expect((await t.call(`/api/v1/scheduled_statuses/${first.id}`, alice.token)).status).toBe(404);
  });

  it("answers 401 without a token and 403 without the scope", async () => {
    expect((await t.call("/api/v1/scheduled_statuses", null)).status).toBe(401);
    const writeOnly = await issueToken(t.app, alice.id, "write");
    expect((await t.call("/api/v1/scheduled_statuses", writeOnly)).status).toBe(403);
    const readOnly = await issueToken(t.app, alice.id, "read");
    expect((await t.send("DELETE", "/api/v1/scheduled_statuses/1", readOnly)).status).toBe(403);
  });
});

describe("publication", () => {
  it("publishes a scheduled status once its time has passed, exactly once", async () => {
    const scheduled = await schedule(alice, {
      status: "posted by the scheduler",
      scheduled_at: inMinutes(6),
      poll: { options: ["now", "later"], expires_in: 600 },
      visibility: "unlisted",
    });
    await t.app.services.runScheduledWork(resolve, Date.now());
    expect(await statusesWithText("posted by the scheduler")).toHaveLength(0);

    await t.app.services.runScheduledWork(resolve, Date.now() + 7 * 60_000);
    const [published] = await statusesWithText("posted by the scheduler");
    expect(published).toBeDefined();
    const entity = await t.json(t.call(`/api/v1/statuses/${published!.id}`, alice.token));
    expectEntity(entity, "Status");
    expect(entity).toMatchObject({ visibility: "unlisted", application: { name: "test client" }, poll: { options: [{ title: "now" }, { title: "later" }] } });
    expect((await t.call(`/api/v1/scheduled_statuses/${scheduled.id}`, alice.token)).status).toBe(404);

    await t.app.services.runScheduledWork(resolve, Date.now() + 8 * 60_000);
    expect(await statusesWithText("posted by the scheduler")).toHaveLength(1);
  });

  it("does not post twice when an earlier run posted but did not get to remove the row", async () => {
    const scheduled = await schedule(alice, { status: "crash survivor", scheduled_at: inMinutes(6) });
    const row = await t.app.database.db.selectFrom("scheduled_statuses").selectAll().where("id", "=", scheduled.id).executeTakeFirstOrThrow();
    // What a run that died right after posting leaves behind: the status, and the row.
    expect((await t.app.services.postLocalStatus(scheduledPost(row), resolve)).ok).toBe(true);
    await t.app.services.runScheduledWork(resolve, Date.now() + 7 * 60_000);
    expect(await statusesWithText("crash survivor")).toHaveLength(1);
    expect((await t.call(`/api/v1/scheduled_statuses/${scheduled.id}`, alice.token)).status).toBe(404);
  });

  it("drops a scheduled reply whose parent is gone", async () => {
    const parent = await t.post(bob, { status: "soon deleted" });
    const orphan = await schedule(alice, { status: "orphan reply", in_reply_to_id: parent.id, scheduled_at: inMinutes(6) });
    await t.send("DELETE", `/api/v1/statuses/${parent.id}`, bob.token);
    await t.app.services.runScheduledWork(resolve, Date.now() + 7 * 60_000);
    expect(await statusesWithText("orphan reply")).toHaveLength(0);
    expect((await t.call(`/api/v1/scheduled_statuses/${orphan.id}`, alice.token)).status).toBe(404);
  });
});
