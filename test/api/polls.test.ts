// Polls: reading, voting by the rules (once, allowed options, not one's own,
// not after the end), hidden totals, and the "poll" notifications at the end.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { startStatusesTest, type TestUser } from "./statuses-helpers.ts";

let t: Awaited<ReturnType<typeof startStatusesTest>>;
let alice: TestUser, bob: TestUser, carol: TestUser;

beforeAll(async () => {
  t = await startStatusesTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
  carol = await t.user("carol");
});
afterAll(async () => {
  await t?.app.dispose();
});

const newPoll = (options: string[], extra: Record<string, unknown> = {}) =>
  t.post(alice, { status: "a question", poll: { options, expires_in: 3600, ...extra } });
const vote = (user: TestUser, id: string, choices: number[]) => t.send("POST", `/api/v1/polls/${id}/votes`, user.token, { choices });

describe("GET /api/v1/polls/:id", () => {
  it("shows a poll to anyone who may see its status, with own votes only to a signed-in viewer", async () => {
    const status = await newPoll(["yes", "no"]);
    const anonymous = await t.json(t.call(`/api/v1/polls/${status.id}`, null));
    expectEntity(anonymous, "Poll");
    expect(anonymous).not.toHaveProperty("voted");
    const signedIn = await t.json(t.call(`/api/v1/polls/${status.id}`, bob.token));
    expect(signedIn).toMatchObject({ voted: false, own_votes: [] });
    const writeOnly = await issueToken(t.app, bob.id, "write");
    expect((await t.call(`/api/v1/polls/${status.id}`, writeOnly)).status).toBe(403);
    const hidden = await t.post(alice, { status: "private question", visibility: "private", poll: { options: ["a", "b"], expires_in: 600 } });
    expect((await t.call(`/api/v1/polls/${hidden.id}`, bob.token)).status).toBe(404);
    const plain = await t.post(alice, { status: "no poll here" });
    expect((await t.call(`/api/v1/polls/${plain.id}`, bob.token)).status).toBe(404);
  });
});

describe("POST /api/v1/polls/:id/votes", () => {
  it("guards with token, scope and visibility", async () => {
    const status = await newPoll(["yes", "no"]);
    expect((await t.send("POST", `/api/v1/polls/${status.id}/votes`, null, { choices: [0] })).status).toBe(401);
    const readOnly = await issueToken(t.app, bob.id, "read");
    expect((await t.send("POST", `/api/v1/polls/${status.id}/votes`, readOnly, { choices: [0] })).status).toBe(403);
    const hidden = await t.post(alice, { status: "direct question", visibility: "direct", poll: { options: ["a", "b"], expires_in: 600 } });
    expect((await vote(bob, hidden.id, [0])).status).toBe(404);
  });

  it("counts one vote per account, with the allowed options only", async () => {
    const status = await newPoll(["yes", "no"]);
    for (const choices of [[2], [-1], [0, 1], []]) {
      const refused = await vote(bob, status.id, choices);
      expect(refused.status, JSON.stringify(choices)).toBe(422);
      expectEntity(await refused.json(), "Error");
    }
    expect((await vote(alice, status.id, [0])).status).toBe(422);
    const voted = await vote(bob, status.id, [1]);
    expect(voted.status).toBe(200);
    const poll = await voted.json();
    expectEntity(poll, "Poll");
    expect(poll).toMatchObject({ votes_count: 1, voters_count: 1, voted: true, own_votes: [1], options: [{ votes_count: 0 }, { votes_count: 1 }] });
    expect(await t.json(vote(bob, status.id, [0]))).toEqual({ error: "You have already voted on this poll" });
    const status2 = await t.json(t.call(`/api/v1/statuses/${status.id}`, bob.token));
    expect(status2.poll).toMatchObject({ voted: true, own_votes: [1] });
  });

  it("counts concurrent votes, each account once", async () => {
    const status = await newPoll(["a", "b"]);
    const dave = await t.user("dave");
    const results = await Promise.all([vote(bob, status.id, [0]), vote(carol, status.id, [1]), vote(dave, status.id, [1]), vote(dave, status.id, [0])]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 422]);
    expect(await t.json(t.call(`/api/v1/polls/${status.id}`, null))).toMatchObject({ votes_count: 3, voters_count: 3 });
  });

  it("takes several options of a multiple-choice poll", async () => {
    const status = await newPoll(["a", "b", "c"], { multiple: true });
    const poll = await t.json(vote(bob, status.id, [0, 2]));
    expect(poll).toMatchObject({ votes_count: 2, voters_count: 1, own_votes: [0, 2] });
    await vote(carol, status.id, [2]);
    expect(await t.json(t.call(`/api/v1/polls/${status.id}`, null))).toMatchObject({ votes_count: 3, voters_count: 2, options: [{ votes_count: 1 }, { votes_count: 0 }, { votes_count: 2 }] });
  });

  it("hides totals until the end when asked, and refuses votes after it", async () => {
    const status = await newPoll(["a", "b"], { hide_totals: true });
    const poll = await t.json(vote(bob, status.id, [0]));
    expect(poll.options).toEqual([{ title: "a", votes_count: null }, { title: "b", votes_count: null }]);
    expectEntity(poll, "Poll");
    // Move the end into the past, as time would.
    const row = await t.app.database.db.selectFrom("statuses").select("poll").where("id", "=", status.id).executeTakeFirstOrThrow();
    await t.app.database.db.updateTable("statuses").set({ poll: JSON.stringify({ ...JSON.parse(row.poll), expiresAt: Date.now() - 1000 }) }).where("id", "=", status.id).execute();
    const ended = await t.json(t.call(`/api/v1/polls/${status.id}`, null));
    expect(ended).toMatchObject({ expired: true, options: [{ votes_count: 1 }, { votes_count: 0 }] });
    expect((await vote(carol, status.id, [1])).status).toBe(422);
  });
});

describe("the end of a poll", () => {
  it("notifies the author and the voters when the scheduler sees the poll ended, once", async () => {
    const status = await newPoll(["a", "b"]);
    await vote(bob, status.id, [0]);
    await vote(carol, status.id, [1]);
    const pollNotifications = () =>
      t.app.database.db.selectFrom("notifications").select(["account_id", "from_account_id"]).where("type", "=", "poll").where("status_id", "=", status.id).execute();
    const resolve = async () => null;
    await t.app.services.runScheduledWork(resolve, Date.now());
    expect(await pollNotifications()).toEqual([]);
    await t.app.services.runScheduledWork(resolve, Date.now() + 3601_000);
    const notified = await pollNotifications();
    expect(notified.map((n) => n.account_id).sort()).toEqual([alice.id, bob.id, carol.id].sort());
    expect(notified.every((n) => n.from_account_id === alice.id)).toBe(true);
    await t.app.services.runScheduledWork(resolve, Date.now() + 7200_000);
    expect((await pollNotifications()).length).toBe(notified.length);
  });
});
