// Across two real instances: a reply from B shows in A's notifications
// through A's API, and A's notification policy applies to federated posts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { expectEntities } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, followAcross, type Rig, startRig } from "../rig/rig.ts";

let rig: Rig;

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
});
afterAll(async () => {
  await rig?.close();
});

type Notification = { type: string; account: { acct: string }; status?: { id: string; in_reply_to_id: string | null; content: string } };

describe("notifications over federation", () => {
  it("shows a reply from B in A's notifications, and files B's unsolicited DM under a request", async () => {
    const [a, b] = rig.instances as [typeof rig.instances[0], typeof rig.instances[0]];
    const alice = await a.createAccount("alice");
    const bob = await b.createAccount("bob");
    const token = await issueToken(a.app, alice.id);
    const api = async (path: string) => {
      const response = await a.app.fetch(new Request(new URL(path, a.url), { headers: { Authorization: `Bearer ${token}` } }));
      return response.json();
    };

    await followAcross(rig, b, bob, a, alice);
    const original = await a.post(alice, "what do you think?");
    await rig.settle();
    const originalOnB = await eventually(() => findStatusByUri(b.app.database.db, original.uri), { what: "the post on B" });
    await b.post(bob, `@alice@${a.host} I think it is great`, { inReplyToId: originalOnB.id });
    await rig.settle();

    const notifications = await eventually(async () => {
      const list = await api("/api/v1/notifications?types[]=mention") as Notification[];
      return list.length ? list : null;
    }, { what: "the mention on A" });
    expectEntities(notifications, "Notification");
    expect(notifications[0]!.account.acct).toBe(`bob@${b.host}`);
    expect(notifications[0]!.status?.in_reply_to_id).toBe(original.id);
    expect(notifications[0]!.status?.content).toContain("great");

    // A stranger's direct message is held back by A's default policy, one path for local and remote.
    await b.post(bob, `@alice@${a.host} psst`, { visibility: "direct" });
    await rig.settle();
    const requests = await eventually(async () => {
      const list = await api("/api/v1/notifications/requests") as { account: { acct: string } }[];
      return list.length ? list : null;
    }, { what: "the request on A" });
    expect(requests.map((r) => r.account.acct)).toEqual([`bob@${b.host}`]);
    expect((await api("/api/v1/notifications?types[]=mention") as Notification[])).toHaveLength(1);
  });
});
