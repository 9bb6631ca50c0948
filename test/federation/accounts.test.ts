// Account-level federation: a profile update propagates; a block removes
// follows both ways and stops deliveries; deleting an account removes it on
// the other side.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import { findFollow } from "../../db/queries/follows.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

describe("accounts across instances", () => {
  it("a profile update propagates to followers' instances", async () => {
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    await followAcross(rig, a, alice, b, bob);
    const updated = await b.app.services.updateProfile(bob.id, {
      displayName: "Bob Builder",
      note: "<p>I build things</p>",
      fields: [{ name: "Site", value: "<a href=\"https://bob.example\">bob.example</a>", verifiedAt: null }],
      locked: true,
    });
    expect(updated.ok).toBe(true);
    await rig.settle();
    const bobOnA = (await findAccountByUri(a.app.database.db, bob.uri))!;
    expect(bobOnA.display_name).toBe("Bob Builder");
    expect(bobOnA.note).toContain("I build things");
    expect(bobOnA.locked).toBe(1);
    expect(JSON.parse(bobOnA.fields)).toEqual([expect.objectContaining({ name: "Site", value: expect.stringContaining("bob.example") })]);
  });

  it("a block removes follows both ways and stops deliveries", async () => {
    const carol = await a.createAccount("carol");
    const dave = await b.createAccount("dave");
    const daveOnA = await followAcross(rig, a, carol, b, dave);
    const carolOnB = await followAcross(rig, b, dave, a, carol);
    expect(await findFollow(b.app.database.db, "follows", carolOnB.id, dave.id)).toBeDefined();

    expect((await b.app.services.blockAccount({ accountId: dave.id, targetId: carolOnB.id, origin: "local" })).ok).toBe(true);
    await rig.settle();
    for (const [instance, follower, target] of [[a, carol.id, daveOnA.id], [a, daveOnA.id, carol.id]] as const) {
      expect(await findFollow(instance.app.database.db, "follows", follower, target)).toBeUndefined();
    }
    expect(await findFollow(b.app.database.db, "follows", carolOnB.id, dave.id)).toBeUndefined();
    expect(await findFollow(b.app.database.db, "follows", dave.id, carolOnB.id)).toBeUndefined();
    const blockOnA = await a.app.database.db.selectFrom("blocks").selectAll().where("account_id", "=", daveOnA.id).where("target_account_id", "=", carol.id).executeTakeFirst();
    expect(blockOnA).toBeDefined();

    const after = await b.post(dave, "carol should not get this");
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, after.uri)).toBeUndefined();
    // And the blocked side cannot follow again.
    const refused = await a.app.services.followAccount({ followerId: carol.id, targetId: daveOnA.id, origin: "local" });
    expect(refused).toMatchObject({ ok: false, kind: "forbidden" });
  });

  it("deleting an account removes it and its posts on the other side", async () => {
    const erin = await a.createAccount("erin");
    const fay = await b.createAccount("fay");
    await followAcross(rig, a, erin, b, fay);
    await followAcross(rig, b, fay, a, erin);
    const post = await b.post(fay, "fay was here");
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, post.uri)).toBeDefined();

    expect(await b.app.services.deleteAccount({ accountId: fay.id, origin: "local" })).toEqual({ ok: true, value: undefined });
    await rig.settle();
    expect(await findAccountByUri(a.app.database.db, fay.uri)).toBeUndefined();
    expect(await findStatusByUri(a.app.database.db, post.uri)).toBeUndefined();
    const erinNow = (await findAccountByUri(a.app.database.db, erin.uri))!;
    expect(erinNow.following_count).toBe(0);
    expect(erinNow.followers_count).toBe(0);
    // The deleted actor answers 410 Gone at its URI.
    const gone = await fetch(fay.uri, { headers: { Accept: "application/activity+json" } });
    expect(gone.status).toBe(410);
  });
});
