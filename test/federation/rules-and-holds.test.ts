// Holds across instances: a local status an automatic rule holds on A reaches
// B only when a moderator on A releases it (and its URI answers 404 until
// then); a delivered status held and removed by A's moderator is deleted on B;
// a remote status held on A by A's rule is seen on A only after release.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { issueToken } from "../helpers/tokens.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  const rule = await a.app.services.createRule(CLI_MODERATOR, { kind: "keyword", pattern: "held phrase", fields: ["text"], action: "hold" });
  expect(rule.ok).toBe(true);
});
afterAll(async () => {
  await rig?.close();
});

const homeOf = async (instance: RigInstance, accountId: string) => {
  const token = await issueToken(instance.app, accountId);
  const response = await instance.app.fetch(new Request(`${instance.url.origin}/api/v1/timelines/home`, { headers: { Authorization: `Bearer ${token}` } }));
  return ((await response.json()) as { uri: string }[]).map((s) => s.uri);
};

describe("holds across instances", () => {
  it("a held local status reaches the other instance only after release", async () => {
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    await followAcross(rig, b, bob, a, alice);
    const held = await a.post(alice, "a held phrase for my followers");
    const plain = await a.post(alice, "an ordinary post");
    await rig.settle();
    expect(await findStatusByUri(b.app.database.db, plain.uri)).toBeDefined();
    expect(await findStatusByUri(b.app.database.db, held.uri)).toBeUndefined();
    expect((await fetch(held.uri, { headers: { Accept: "application/activity+json" } })).status).toBe(404);

    expect((await a.app.services.releaseHold(CLI_MODERATOR, held.id)).ok).toBe(true);
    await rig.settle();
    expect(await findStatusByUri(b.app.database.db, held.uri)).toBeDefined();
    expect(await homeOf(b, bob.id)).toContain(held.uri);
    expect((await fetch(held.uri, { headers: { Accept: "application/activity+json" } })).status).toBe(200);
  });

  it("a delivered status a moderator holds and then removes is deleted on the other instance", async () => {
    const erin = await a.createAccount("erin");
    const finn = await b.createAccount("finn");
    await followAcross(rig, b, finn, a, erin);
    const post = await a.post(erin, "delivered before anyone looked");
    await rig.settle();
    expect(await findStatusByUri(b.app.database.db, post.uri)).toBeDefined();
    expect((await a.app.services.holdStatus(CLI_MODERATOR, post.id, "looking")).ok).toBe(true);
    expect((await fetch(post.uri, { headers: { Accept: "application/activity+json" } })).status).toBe(404);
    expect((await a.app.services.removeHeldStatus(CLI_MODERATOR, post.id, "broke the rules")).ok).toBe(true);
    await rig.settle();
    expect(await findStatusByUri(b.app.database.db, post.uri)).toBeUndefined();
  });

  it("a remote status held on A is seen on A only after release", async () => {
    const carol = await b.createAccount("carol");
    const dan = await a.createAccount("dan");
    await followAcross(rig, a, dan, b, carol);
    const posted = await b.post(carol, "this held phrase comes from B");
    await rig.settle();
    const onA = (await findStatusByUri(a.app.database.db, posted.uri))!;
    expect(onA.held_at).not.toBeNull();
    expect(await homeOf(a, dan.id)).not.toContain(posted.uri);

    expect((await a.app.services.releaseHold(CLI_MODERATOR, onA.id)).ok).toBe(true);
    expect(await homeOf(a, dan.id)).toContain(posted.uri);
    // B's own copy was never held: B's rules are B's.
    expect(await homeOf(b, carol.id)).toContain(posted.uri);
  });
});
