// Conversations: direct-message threads kept as direct statuses are created,
// local or remote, with unread state, read and delete.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, carol: TestUser;
type Conversation = { id: string; unread: boolean; accounts: { id: string }[]; last_status: { id: string } | null };

beforeAll(async () => {
  t = await startApiTest();
  [alice, bob, carol] = [await t.user("alice"), await t.user("bob"), await t.user("carol")];
  await t.follow(alice, bob);
  await t.follow(bob, alice);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("conversations", () => {
  it("threads direct messages per participants, unread for recipients, and never public posts", async () => {
    const opener = await t.post(alice, "@bob secret plan", { visibility: "direct" });
    await t.post(alice, "@bob a public mention");
    const mine = await t.json<Conversation[]>(t.call("/api/v1/conversations", alice.token));
    expectEntities(mine, "Conversation");
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ unread: false, accounts: [{ id: bob.id }], last_status: { id: opener.id } });

    const reply = await t.post(bob, "@alice sounds good", { visibility: "direct", in_reply_to_id: opener.id });
    const bobs = await t.json<Conversation[]>(t.call("/api/v1/conversations", bob.token));
    expect(bobs).toHaveLength(1);
    expect(bobs[0]).toMatchObject({ accounts: [{ id: alice.id }], last_status: { id: reply.id } });
    const alices = await t.json<Conversation[]>(t.call("/api/v1/conversations", alice.token));
    expect(alices).toHaveLength(1);
    expect(alices[0]).toMatchObject({ id: mine[0]!.id, unread: true, last_status: { id: reply.id } });

    // Another set of participants is another conversation.
    await t.post(alice, "@bob @carol group chat", { visibility: "direct" });
    const three = await t.json<Conversation[]>(t.call("/api/v1/conversations", alice.token));
    expect(three.map((c) => c.accounts.map((a) => a.id).sort())).toEqual([[bob.id, carol.id].sort(), [bob.id]]);
    expect(await t.json<Conversation[]>(t.call("/api/v1/conversations", carol.token))).toHaveLength(1);
  });

  it("files remote direct messages, marks read, pages and deletes", async () => {
    const remote = await t.remoteAccount("penpal");
    const dm = await t.remoteStatus(remote, "@carol hi from afar", { visibility: "direct", mentionAccountIds: [carol.id] });
    const list = await t.call("/api/v1/conversations?limit=1", carol.token);
    const [first] = await list.json() as Conversation[];
    expect(first).toMatchObject({ unread: true, accounts: [{ id: remote.id }], last_status: { id: dm.id } });
    expect(list.headers.get("Link")).toContain(`max_id=${dm.id}`);
    const older = await t.json<Conversation[]>(t.call(`/api/v1/conversations?max_id=${dm.id}`, carol.token));
    expect(older).toHaveLength(1);

    const read = await t.json<Conversation>(t.send("POST", `/api/v1/conversations/${first!.id}/read`, carol.token));
    expectEntity(read, "Conversation");
    expect(read.unread).toBe(false);
    expect((await t.send("DELETE", `/api/v1/conversations/${first!.id}`, carol.token)).status).toBe(200);
    expect(await t.json<Conversation[]>(t.call("/api/v1/conversations", carol.token))).toHaveLength(1);
    // The status itself stays.
    expect((await t.call(`/api/v1/statuses/${dm.id}`, carol.token)).status).toBe(200);
  });

  it("answers 401, 403, and 404 for another user's conversation", async () => {
    const [conversation] = await t.json<Conversation[]>(t.call("/api/v1/conversations", alice.token));
    expect((await t.call("/api/v1/conversations", null)).status).toBe(401);
    const readOnly = await t.user("reader", "read");
    expect((await t.send("POST", `/api/v1/conversations/${conversation!.id}/read`, readOnly.token)).status).toBe(403);
    expect((await t.send("POST", `/api/v1/conversations/${conversation!.id}/read`, carol.token)).status).toBe(404);
    expect((await t.send("DELETE", `/api/v1/conversations/${conversation!.id}`, carol.token)).status).toBe(404);
    expect((await t.send("DELETE", "/api/v1/conversations/nope", alice.token)).status).toBe(404);
  });
});
