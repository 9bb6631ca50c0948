// Pins across instances: pinning through A's API sends Add to the followers
// on B (which records the pin), the featured collection lists the pinned
// status, and unpinning sends Remove.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findAccountByUri } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { issueToken } from "../helpers/tokens.ts";
import { followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
let alice: AccountRow, bob: AccountRow;
let token: string;

const pin = async (statusId: string, action: "pin" | "unpin") => {
  const response = await a.app.fetch(new Request(new URL(`/api/v1/statuses/${statusId}/${action}`, a.url), {
    method: "POST",
    headers: { Authorization: `Bearer ${token}` },
  }));
  expect(response.status).toBe(200);
  return response.json() as Promise<{ pinned: boolean }>;
};

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  bob = await b.createAccount("bob");
  token = await issueToken(a.app, alice.id);
  await followAcross(rig, b, bob, a, alice);
});
afterAll(async () => {
  await rig?.close();
});

describe("pins across instances", () => {
  it("federates a pin as Add and an unpin as Remove on the featured collection", async () => {
    const post = await a.post(alice, "pinned on my profile");
    await rig.settle();
    expect((await pin(post.id, "pin")).pinned).toBe(true);
    await rig.settle();

    const aliceOnB = (await findAccountByUri(b.app.database.db, alice.uri))!;
    const onB = (await findStatusByUri(b.app.database.db, post.uri))!;
    const pinsOnB = () => b.app.database.db.selectFrom("status_pins").select("status_id").where("account_id", "=", aliceOnB.id).execute();
    expect(await pinsOnB()).toEqual([{ status_id: onB.id }]);

    const featured = await fetch(new URL("/users/alice/collections/featured", a.url), { headers: { Accept: "application/activity+json" } });
    expect(featured.status).toBe(200);
    const collection = (await featured.json()) as { orderedItems?: { id: string; content: string }[]; totalItems?: number };
    expect(collection.orderedItems?.map((item) => item.id)).toEqual([post.uri]);
    expect(collection.orderedItems?.[0]?.content).toContain("pinned on my profile");

    expect((await pin(post.id, "unpin")).pinned).toBe(false);
    await rig.settle();
    expect(await pinsOnB()).toEqual([]);
  });
});
