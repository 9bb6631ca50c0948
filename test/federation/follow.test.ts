// Follows across instances: alice@A follows bob@B and B accepts; a locked
// account's request is approved or rejected; unfollow stops deliveries.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import { findFollow } from "../../db/queries/follows.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

async function followState(instance: RigInstance, followerUri: string, targetUri: string) {
  const db = instance.app.database.db;
  const [follower, target] = await Promise.all([findAccountByUri(db, followerUri), findAccountByUri(db, targetUri)]);
  if (!follower || !target) return "unknown";
  if (await findFollow(db, "follows", follower.id, target.id)) return "following";
  if (await findFollow(db, "follow_requests", follower.id, target.id)) return "requested";
  return "none";
}

describe("following across instances", () => {
  it("alice@A follows bob@B and B accepts; both sides agree and count", async () => {
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    const bobOnA = await a.resolve(`@bob@${b.host}`);
    expect(bobOnA.uri).toBe(bob.uri);
    expect(bobOnA.inbox_url).toBe(`${b.url.origin}/users/bob/inbox`);
    const result = await a.app.services.followAccount({ followerId: alice.id, targetId: bobOnA.id, origin: "local" });
    expect(result).toEqual({ ok: true, value: { state: "requested" } });
    await rig.settle();
    expect(await followState(a, alice.uri, bob.uri)).toBe("following");
    expect(await followState(b, alice.uri, bob.uri)).toBe("following");
    const bobNow = await findAccountByUri(b.app.database.db, bob.uri);
    expect(bobNow?.followers_count).toBe(1);
    const aliceNow = await findAccountByUri(a.app.database.db, alice.uri);
    expect(aliceNow?.following_count).toBe(1);
    const notification = await b.app.database.db.selectFrom("notifications").selectAll().where("account_id", "=", bob.id).executeTakeFirst();
    expect(notification?.type).toBe("follow");
  });

  it("a locked account's request waits, then is approved", async () => {
    const carol = await a.createAccount("carol");
    const dana = await b.createAccount("dana", { locked: true });
    await followAcross(rig, a, carol, b, dana);
    expect(await followState(a, carol.uri, dana.uri)).toBe("requested");
    expect(await followState(b, carol.uri, dana.uri)).toBe("requested");
    const carolOnB = (await findAccountByUri(b.app.database.db, carol.uri))!;
    const request = await b.app.database.db.selectFrom("notifications").select("type").where("account_id", "=", dana.id).executeTakeFirst();
    expect(request?.type).toBe("follow_request");
    expect(await b.app.services.acceptFollowRequest({ followerId: carolOnB.id, targetId: dana.id, origin: "local" })).toEqual({ ok: true, value: undefined });
    await rig.settle();
    expect(await followState(a, carol.uri, dana.uri)).toBe("following");
    expect(await followState(b, carol.uri, dana.uri)).toBe("following");
  });

  it("a locked account's request can be rejected", async () => {
    const erin = await a.createAccount("erin");
    const fay = await b.createAccount("fay", { locked: true });
    await followAcross(rig, a, erin, b, fay);
    const erinOnB = (await findAccountByUri(b.app.database.db, erin.uri))!;
    expect(await b.app.services.rejectFollowRequest({ followerId: erinOnB.id, targetId: fay.id, origin: "local" })).toEqual({ ok: true, value: undefined });
    await rig.settle();
    expect(await followState(a, erin.uri, fay.uri)).toBe("none");
    expect(await followState(b, erin.uri, fay.uri)).toBe("none");
  });

  it("unfollow reaches the other side and stops deliveries", async () => {
    const gus = await a.createAccount("gus");
    const hana = await b.createAccount("hana");
    const hanaOnA = await followAcross(rig, a, gus, b, hana);
    const before = await b.post(hana, "while followed");
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, before.uri)).toBeDefined();

    await a.app.services.unfollowAccount({ followerId: gus.id, targetId: hanaOnA.id, origin: "local" });
    await rig.settle();
    expect(await followState(b, gus.uri, hana.uri)).toBe("none");
    const after = await b.post(hana, "after unfollow");
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, after.uri)).toBeUndefined();
  });
});
