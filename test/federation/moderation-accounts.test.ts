// Account moderation across instances: suspending a local account federates
// Delete(actor) through the account-deletion path, and the other instance
// removes the account and its posts; suspending a remote account purges its
// content locally, its later activities are ignored and nothing is
// delivered to it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import { findFollow } from "../../db/queries/follows.ts";
import { findMentionedAccountIds, findStatusByUri } from "../../db/queries/statuses.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

describe("account moderation across instances", () => {
  it("suspending a local account sends Delete(actor); the other instance removes it and its posts", async () => {
    const erin = await a.createAccount("erin");
    const fay = await b.createAccount("fay");
    await followAcross(rig, a, erin, b, fay);
    await followAcross(rig, b, fay, a, erin);
    const post = await b.post(fay, "fay was here");
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, post.uri)).toBeDefined();

    expect((await b.app.services.actOnAccount(CLI_MODERATOR, { accountId: fay.id, type: "suspend", text: "threats" })).ok).toBe(true);
    await rig.settle();
    await eventually(async () => (await findAccountByUri(a.app.database.db, fay.uri)) === undefined, { what: "fay gone from A" });
    expect(await findStatusByUri(a.app.database.db, post.uri)).toBeUndefined();
    // B keeps fay's data for 30 days, but her actor answers 410 Gone.
    expect(await findStatusByUri(b.app.database.db, post.uri)).toBeDefined();
    expect((await fetch(fay.uri, { headers: { Accept: "application/activity+json" } })).status).toBe(410);
  });

  it("suspending a remote account purges its content here and ignores what it sends next", async () => {
    const gus = await a.createAccount("gus");
    const hank = await b.createAccount("hank");
    const hankOnA = await followAcross(rig, a, gus, b, hank);
    const before = await b.post(hank, "hank before");
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, before.uri)).toBeDefined();

    expect((await a.app.services.actOnAccount(CLI_MODERATOR, { accountId: hankOnA.id, type: "suspend" })).ok).toBe(true);
    expect(await findStatusByUri(a.app.database.db, before.uri)).toBeUndefined();
    expect(await findFollow(a.app.database.db, "follows", gus.id, hankOnA.id)).toBeUndefined();

    // B still thinks gus follows hank: the next post is delivered to A, and ignored there.
    const after = await b.post(hank, "hank after");
    const update = await b.app.services.updateProfile(hank.id, { displayName: "Hank Renamed" });
    expect(update.ok).toBe(true);
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, after.uri)).toBeUndefined();
    const hankNow = (await findAccountByUri(a.app.database.db, hank.uri))!;
    expect(hankNow.suspended_at).not.toBeNull();
    expect(hankNow.display_name).not.toBe("Hank Renamed");

    // Nothing is delivered to it: a mention of it stays here.
    const mention = await a.post(gus, `@hank@${b.host} are you there?`);
    expect(await findMentionedAccountIds(a.app.database.db, mention.id)).toEqual([hankOnA.id]);
    await rig.settle();
    expect(await findStatusByUri(b.app.database.db, mention.uri)).toBeUndefined();
  });
});
