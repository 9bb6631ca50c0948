// What crosses the wire: bob@B posts public, unlisted, followers-only and
// direct statuses; A stores exactly what alice@A may see and C, where nobody
// follows bob, stores nothing. Dereferencing honours visibility too.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance, c: RigInstance;
beforeAll(async () => {
  rig = await startRig(["a", "b", "c"]);
  [a, b, c] = rig.instances as [RigInstance, RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

describe("visibility across instances", () => {
  it("delivers each visibility only where it may be seen", async () => {
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    const dave = await b.createAccount("dave");
    await c.createAccount("carol");
    await followAcross(rig, a, alice, b, bob);

    const pub = await b.post(bob, "public canary-pub", { visibility: "public" });
    const unl = await b.post(bob, "unlisted canary-unl", { visibility: "unlisted" });
    const priv = await b.post(bob, "followers canary-priv", { visibility: "private" });
    const dm = await b.post(bob, `@alice@${a.host} direct canary-dm`, { visibility: "direct" });
    const dmOther = await b.post(bob, "@dave direct canary-other", { visibility: "direct" });
    await rig.settle();

    const onA = async (uri: string) => findStatusByUri(a.app.database.db, uri);
    expect((await onA(pub.uri))?.visibility).toBe("public");
    expect((await onA(unl.uri))?.visibility).toBe("unlisted");
    expect((await onA(priv.uri))?.visibility).toBe("private");
    const dmOnA = await onA(dm.uri);
    expect(dmOnA?.visibility).toBe("direct");
    expect(dmOnA?.content).toContain("canary-dm");
    expect(await onA(dmOther.uri)).toBeUndefined();
    expect(dave.id).toBeTruthy();

    // alice is told of the direct mention.
    const mention = await a.app.database.db
      .selectFrom("notifications").select(["type", "status_id"]).where("account_id", "=", alice.id).where("type", "=", "mention").execute();
    expect(mention.map((n) => n.status_id)).toEqual([dmOnA!.id]);

    // C has no follower of bob and nobody mentioned: nothing of bob's arrives.
    const onC = await c.app.database.db.selectFrom("statuses").select("uri").execute();
    expect(onC).toEqual([]);

    // Home timeline of alice holds what she follows, and the DM since she follows bob.
    const home = await a.app.database.db
      .selectFrom("home_timeline_entries").innerJoin("statuses", "statuses.id", "home_timeline_entries.status_id")
      .select("statuses.uri").where("home_timeline_entries.account_id", "=", alice.id).execute();
    expect(home.map((h) => h.uri).sort()).toEqual([pub.uri, unl.uri, priv.uri, dm.uri].sort());
  });

  it("serves followers-only and direct notes only to signed requests from allowed accounts", async () => {
    const erin = await b.createAccount("erin");
    const secret = await b.post(erin, "followers-only canary-deref", { visibility: "private" });
    const open = await b.post(erin, "public deref", { visibility: "public" });
    const asJson = { headers: { Accept: "application/activity+json" } };
    const publicNote = await fetch(open.uri, asJson);
    expect(publicNote.status).toBe(200);
    expect(((await publicNote.json()) as { content: string }).content).toContain("public deref");
    const unsigned = await fetch(secret.uri, asJson);
    expect(unsigned.status).toBe(401);
    expect(await unsigned.text()).not.toContain("canary-deref");
    // A signed fetch by someone who does not follow erin gets nothing either.
    const frank = await c.createAccount("frank");
    const ctx = c.app.federation.createContext(c.url, c.app.contextData);
    const loader = await ctx.getDocumentLoader({ identifier: frank.username });
    await expect(loader(secret.uri)).rejects.toThrow();
  });
});
