// Replies, favourites, boosts, edits and deletes, asserted on both sides.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import { findStatusById, findStatusByUri } from "../../db/queries/statuses.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
let alice: AccountRow, bob: AccountRow, bobOnA: AccountRow;
beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  bob = await b.createAccount("bob");
  bobOnA = await followAcross(rig, a, alice, b, bob);
  // bob follows alice back, so replies flow both ways.
  await followAcross(rig, b, bob, a, alice);
});
afterAll(async () => {
  await rig?.close();
});

describe("interactions across instances", () => {
  it("replies build the same thread on both sides", async () => {
    const root = await b.post(bob, "thread root");
    await rig.settle();
    const rootOnA = (await findStatusByUri(a.app.database.db, root.uri))!;
    const reply = await a.post(alice, `@bob@${b.host} a reply`, { inReplyToId: rootOnA.id });
    await rig.settle();
    const replyOnB = (await findStatusByUri(b.app.database.db, reply.uri))!;
    expect(replyOnB.in_reply_to_id).toBe(root.id);
    const answer = await b.post(bob, `@alice@${a.host} and an answer`, { inReplyToId: replyOnB.id });
    await rig.settle();
    const answerOnA = (await findStatusByUri(a.app.database.db, answer.uri))!;
    expect(answerOnA.in_reply_to_id).toBe(reply.id);
    expect((await findStatusById(b.app.database.db, root.id))?.replies_count).toBe(1);
    expect((await findStatusById(a.app.database.db, rootOnA.id))?.replies_count).toBe(1);
  });

  it("a reply to an unknown parent pulls the parent", async () => {
    const carol = await b.createAccount("carol");
    const lonely = await b.post(carol, "nobody on A follows me");
    const answer = await b.post(bob, `@carol answering`, { inReplyToId: lonely.id });
    await rig.settle();
    const answerOnA = (await findStatusByUri(a.app.database.db, answer.uri))!;
    const parentOnA = await findStatusByUri(a.app.database.db, lonely.uri);
    expect(parentOnA?.content).toContain("nobody on A follows me");
    expect(answerOnA.in_reply_to_id).toBe(parentOnA!.id);
  });

  it("a like and a boost reach the author and update counts", async () => {
    const post = await b.post(bob, "like and boost me");
    await rig.settle();
    const onA = (await findStatusByUri(a.app.database.db, post.uri))!;
    expect((await a.app.services.favouriteStatus({ accountId: alice.id, statusId: onA.id, origin: "local" })).ok).toBe(true);
    expect((await a.app.services.reblogStatus({ accountId: alice.id, statusId: onA.id, origin: "local" })).ok).toBe(true);
    await rig.settle();
    const onB = (await findStatusById(b.app.database.db, post.id))!;
    expect(onB.favourites_count).toBe(1);
    expect(onB.reblogs_count).toBe(1);
    const types = await b.app.database.db.selectFrom("notifications").select("type").where("account_id", "=", bob.id).where("status_id", "=", post.id).execute();
    expect(types.map((t) => t.type).sort()).toEqual(["favourite", "reblog"]);

    await a.app.services.unfavouriteStatus({ accountId: alice.id, statusId: onA.id, origin: "local" });
    const reblog = await a.app.database.db.selectFrom("statuses").select("id").where("reblog_of_id", "=", onA.id).executeTakeFirstOrThrow();
    await a.app.services.deleteStatus({ statusId: reblog.id, accountId: alice.id, origin: "local" });
    await rig.settle();
    const undone = (await findStatusById(b.app.database.db, post.id))!;
    expect(undone.favourites_count).toBe(0);
    expect(undone.reblogs_count).toBe(0);
  });

  it("an edit propagates", async () => {
    const post = await b.post(bob, "first version");
    await rig.settle();
    const edited = await b.app.services.updateStatus({
      origin: "local", statusId: post.id, accountId: bob.id, content: "<p>second version</p>", text: "second version",
    });
    expect(edited.ok).toBe(true);
    await rig.settle();
    const onA = (await findStatusByUri(a.app.database.db, post.uri))!;
    expect(onA.content).toContain("second version");
    expect(onA.edited_at).not.toBeNull();
    const history = await a.app.database.db.selectFrom("status_edits").select("content").where("status_id", "=", onA.id).execute();
    expect(history.map((h) => h.content)).toEqual([expect.stringContaining("first version")]);
  });

  it("a delete removes the status on the other side", async () => {
    const post = await b.post(bob, "soon gone");
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, post.uri)).toBeDefined();
    expect((await b.app.services.deleteStatus({ statusId: post.id, accountId: bob.id, origin: "local" })).ok).toBe(true);
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, post.uri)).toBeUndefined();
    const bobOnANow = await findAccountByUri(a.app.database.db, bob.uri);
    expect(bobOnANow?.id).toBe(bobOnA.id);
  });
});
