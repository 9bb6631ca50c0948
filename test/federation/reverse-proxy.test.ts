// Parley behind a TLS-terminating reverse proxy: P speaks plain http on
// loopback behind a proxy that adds X-Forwarded-*; its canonical origin comes
// from PARLEY_PUBLIC_URL only, and it federates with A both ways.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, p: RigInstance;
beforeAll(async () => {
  rig = await startRig(["a", "p"], {}, {}, { behindProxy: ["p"] });
  [a, p] = rig.instances as [RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

describe("behind a TLS-terminating reverse proxy", () => {
  it("federates both ways with canonical https URLs", async () => {
    const alice = await a.createAccount("alice");
    const paula = await p.createAccount("paula");
    expect(paula.uri).toBe(`${p.url.origin}/users/paula`);
    await followAcross(rig, a, alice, p, paula);
    await followAcross(rig, p, paula, a, alice);
    const fromP = await p.post(paula, "hello from behind the proxy");
    const fromA = await a.post(alice, `@paula@${p.host} hello back`);
    await rig.settle();
    expect(await findStatusByUri(a.app.database.db, fromP.uri)).toBeDefined();
    expect(await findStatusByUri(p.app.database.db, fromA.uri)).toBeDefined();

    // Whatever Host or X-Forwarded-Host a client sends, documents name the public origin.
    const actor = await fetch(paula.uri, { headers: { Accept: "application/activity+json", "X-Forwarded-Host": "evil.example" } });
    const body = await actor.text();
    expect(body).toContain(`"id":"${p.url.origin}/users/paula"`);
    expect(body).not.toContain("evil.example");
    expect(body).not.toMatch(/http:\/\/(p\.parley\.test|127\.0\.0\.1)/);
  });
});
