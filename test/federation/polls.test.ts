// Polls across instances, through each instance's API: a poll on A voted from
// B (the vote counted on A, never shown as a status), the new counts reaching
// B by Update(Question), an edit of the poll's status federating with its
// history, and "poll" notifications on both sides when it ends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { pollOf } from "../../db/queries/polls.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
let alice: AccountRow, carol: AccountRow, bob: AccountRow;
const tokens = new Map<string, string>();

async function api(on: RigInstance, account: AccountRow, method: string, path: string, body?: unknown): Promise<any> {
  const response = await on.app.fetch(new Request(new URL(path, on.url), {
    method,
    headers: { Authorization: `Bearer ${tokens.get(account.id)}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }));
  expect(response.status, `${method} ${path}`).toBe(200);
  return response.json();
}

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  carol = await a.createAccount("carol");
  bob = await b.createAccount("bob");
  for (const [on, account] of [[a, alice], [a, carol], [b, bob]] as const) tokens.set(account.id, await issueToken(on.app, account.id));
  await followAcross(rig, b, bob, a, alice);
});
afterAll(async () => {
  await rig?.close();
});

describe("polls across instances", () => {
  it("counts a remote vote on the author's side and sends the new counts back", async () => {
    const posted = await api(a, alice, "POST", "/api/v1/statuses", { status: "Which instance?", poll: { options: ["A", "B", "both"], expires_in: 3600 } });
    await rig.settle();
    const onB = (await findStatusByUri(b.app.database.db, posted.uri))!;
    expect(onB.object_type).toBe("Question");
    expect(pollOf(onB)?.options.map((o) => o.title)).toEqual(["A", "B", "both"]);

    const bobsVote = await api(b, bob, "POST", `/api/v1/polls/${onB.id}/votes`, { choices: [1] });
    expectEntity(bobsVote, "Poll");
    expect(bobsVote).toMatchObject({ voted: true, own_votes: [1], votes_count: 1 });
    await rig.settle();

    const onA = await api(a, alice, "GET", `/api/v1/polls/${posted.id}`);
    expect(onA).toMatchObject({ votes_count: 1, voters_count: 1, options: [{ votes_count: 0 }, { votes_count: 1 }, { votes_count: 0 }] });
    const bobOnA = await a.app.database.db.selectFrom("accounts").select("id").where("uri", "=", bob.uri).executeTakeFirstOrThrow();
    const votes = await a.app.database.db.selectFrom("poll_votes").selectAll().where("status_id", "=", posted.id).execute();
    expect(votes).toEqual([expect.objectContaining({ account_id: bobOnA.id, choice: 1, uri: expect.stringContaining(`${b.url.origin}/users/bob#votes/`) })]);
    // The vote is counted, not shown: bob has no status on A.
    expect(await a.app.database.db.selectFrom("statuses").select("id").where("account_id", "=", bobOnA.id).execute()).toEqual([]);

    // Carol votes on A; only Update(Question) can tell B.
    await api(a, carol, "POST", `/api/v1/polls/${posted.id}/votes`, { choices: [2] });
    await rig.settle();
    const seenByBob = await eventually(async () => {
      const poll = await api(b, bob, "GET", `/api/v1/polls/${onB.id}`);
      return poll.votes_count === 2 ? poll : null;
    }, { what: "the new counts on B" });
    expect(seenByBob).toMatchObject({ voters_count: 2, own_votes: [1], options: [{ votes_count: 0 }, { votes_count: 1 }, { votes_count: 1 }] });
    const edits = await b.app.database.db.selectFrom("status_edits").select("id").where("status_id", "=", onB.id).execute();
    expect(edits).toEqual([]);

    // The Question as Mastodon shapes it.
    const document = await (await fetch(posted.uri, { headers: { Accept: "application/activity+json" } })).json() as Record<string, any>;
    expect(document).toMatchObject({
      type: "Question",
      votersCount: 2,
      oneOf: [
        { type: "Note", name: "A", replies: { type: "Collection", totalItems: 0 } },
        { type: "Note", name: "B", replies: { type: "Collection", totalItems: 1 } },
        { type: "Note", name: "both", replies: { type: "Collection", totalItems: 1 } },
      ],
    });
    expect(Date.parse(document.endTime)).toBe(Date.parse(posted.poll.expires_at));
    expect(document).not.toHaveProperty("closed");

    // The end: the author and both voters hear of it, each on their own instance.
    await a.app.services.runScheduledWork(async () => null, Date.now() + 3601_000);
    await b.app.services.runScheduledWork(async () => null, Date.now() + 3601_000);
    const pollNotified = async (on: RigInstance, statusId: string) =>
      (await on.app.database.db.selectFrom("notifications").select("account_id").where("type", "=", "poll").where("status_id", "=", statusId).execute())
        .map((n) => n.account_id)
        .sort();
    expect(await pollNotified(a, posted.id)).toEqual([alice.id, carol.id].sort());
    expect(await pollNotified(b, onB.id)).toEqual([bob.id]);
  });

  it("federates an edit of a poll's status as Update(Question), with its history", async () => {
    const posted = await api(a, alice, "POST", "/api/v1/statuses", { status: "Tea?", poll: { options: ["yes", "no"], expires_in: 600 } });
    await rig.settle();
    const onB = (await findStatusByUri(b.app.database.db, posted.uri))!;
    await api(b, bob, "POST", `/api/v1/polls/${onB.id}/votes`, { choices: [0] });
    await rig.settle();

    const edited = await api(a, alice, "PUT", `/api/v1/statuses/${posted.id}`, { status: "Tea, really?", poll: { options: ["yes", "no"], expires_in: 600 } });
    expect(edited.poll.votes_count).toBe(1);
    await rig.settle();
    const afterEdit = (await findStatusByUri(b.app.database.db, posted.uri))!;
    expect(afterEdit.content).toContain("Tea, really?");
    expect(afterEdit.edited_at).not.toBeNull();
    const history = await api(b, bob, "GET", `/api/v1/statuses/${onB.id}/history`);
    expect(history.map((h: { content: string }) => h.content)).toEqual([expect.stringContaining("Tea?"), expect.stringContaining("Tea, really?")]);
    expect((await api(b, bob, "GET", `/api/v1/polls/${onB.id}`))).toMatchObject({ votes_count: 1, own_votes: [0] });
  });
});
