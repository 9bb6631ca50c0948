// A remote status's link gets its preview card on the receiving instance:
// alice on A posts a link, bob on B follows her; B's inbound Create(Note)
// goes through createStatus, which queues the card fetch on B, and B's API
// shows the card once B fetched the page (each server makes its own cards).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { startLinkSite, type LinkSite } from "../helpers/link-site.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let site: LinkSite;
let a: RigInstance, b: RigInstance;
let alice: AccountRow, bob: AccountRow;

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  site = await startLinkSite();
  [a, b] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  bob = await b.createAccount("bob");
  await followAcross(rig, b, bob, a, alice);
});
afterAll(async () => {
  await rig?.close();
  await site?.close();
});

describe("preview cards across instances", () => {
  it("fetches the card of a remote status's link on the receiving instance", async () => {
    const url = `${site.origin}/article/federated`;
    const aliceToken = await issueToken(a.app, alice.id);
    const posted = await a.app.fetch(new Request(new URL("/api/v1/statuses", a.url), {
      method: "POST",
      headers: { Authorization: `Bearer ${aliceToken}`, "Content-Type": "application/json" },
      body: JSON.stringify({ status: `Worth reading: ${url}` }),
    }));
    expect(posted.status).toBe(200);
    const { uri } = (await posted.json()) as { uri: string };

    const bobToken = await issueToken(b.app, bob.id);
    const there = await eventually(() => findStatusByUri(b.app.database.db, uri), { what: "the status on B" });
    const shown = await eventually(async () => {
      const response = await b.app.fetch(new Request(new URL(`/api/v1/statuses/${there.id}`, b.url), { headers: { Authorization: `Bearer ${bobToken}` } }));
      const entity = (await response.json()) as { card: { url: string; title: string } | null };
      return entity.card ? entity : null;
    }, { what: "the card on B" });
    expectEntity(shown, "Status");
    expectEntity(shown.card, "PreviewCard");
    expect(shown.card).toMatchObject({ url, title: "Article federated" });
    // A made its own card of alice's status too: both servers fetched the page.
    await eventually(async () => site.requests.filter((r) => r.path === "/article/federated").length === 2, { what: "A's fetch" });
  });
});
