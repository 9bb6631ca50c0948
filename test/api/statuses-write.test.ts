// Posting (polls, Idempotency-Key, scheduled_at, the posting application),
// editing with history and source, against openapi.json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeUserSettings } from "../../db/queries/user-settings.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { startStatusesTest, type TestUser } from "./statuses-helpers.ts";

let t: Awaited<ReturnType<typeof startStatusesTest>>;
let alice: TestUser, bob: TestUser, readOnly: TestUser;

beforeAll(async () => {
  t = await startStatusesTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
  // Alice herself, through a token that may only read.
  readOnly = { ...alice, token: await issueToken(t.app, alice.id, "read") };
});
afterAll(async () => {
  await t?.app.dispose();
});

const poll = (options: string[], extra: Record<string, unknown> = {}) => ({ options, expires_in: 3600, ...extra });

describe("POST /api/v1/statuses", () => {
  it("answers 401 without a token and 403 without write:statuses", async () => {
    expect((await t.send("POST", "/api/v1/statuses", null, { status: "x" })).status).toBe(401);
    expect((await t.send("POST", "/api/v1/statuses", readOnly.token, { status: "x" })).status).toBe(403);
  });

  it("posts a poll from a form body, shown with the application that posted it", async () => {
    const form = new URLSearchParams([
      ["status", "Tea or coffee?"],
      ["poll[options][]", "Tea"],
      ["poll[options][]", "Coffee"],
      ["poll[expires_in]", "600"],
      ["poll[multiple]", "true"],
    ]);
    const response = await t.call("/api/v1/statuses", alice.token, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } });
    expect(response.status).toBe(200);
    const status = await response.json();
    expectEntity(status, "Status");
    expectEntity(status.poll, "Poll");
    expect(status.poll).toMatchObject({
      id: status.id,
      multiple: true,
      expired: false,
      votes_count: 0,
      voters_count: 0,
      voted: true,
      own_votes: [],
      options: [{ title: "Tea", votes_count: 0 }, { title: "Coffee", votes_count: 0 }],
    });
    expect(Date.parse(status.poll.expires_at) - Date.parse(status.created_at)).toBeGreaterThanOrEqual(599_000);
    expect(status.application).toEqual({ name: "test client", website: null });
  });

  it("refuses invalid polls, and a poll with media", async () => {
    const invalid = [
      poll(["only one"]),
      poll(["a", "b", "c", "d", "e"]),
      poll(["a", "x".repeat(51)]),
      poll(["same", "same"]),
      poll(["a", "b"], { expires_in: 299 }),
      poll(["a", "b"], { expires_in: 30 * 24 * 3600 + 1 }),
    ];
    for (const p of invalid) {
      const response = await t.send("POST", "/api/v1/statuses", alice.token, { status: "bad poll", poll: p });
      expect(response.status, JSON.stringify(p)).toBe(422);
      expectEntity(await response.json(), "Error");
    }
    const withMedia = await t.send("POST", "/api/v1/statuses", alice.token, { status: "both", poll: poll(["a", "b"]), media_ids: ["1"] });
    expect(withMedia.status).toBe(422);
    const edge = await t.send("POST", "/api/v1/statuses", alice.token, { status: "edge", poll: poll(["a", "x".repeat(50)], { expires_in: 300 }) });
    expect(edge.status).toBe(200);
  });

  it("returns the first status for a repeated Idempotency-Key, and never posts twice under concurrency", async () => {
    const key = { "Idempotency-Key": "retry-1" };
    const first = await t.json(t.send("POST", "/api/v1/statuses", alice.token, { status: "once" }, key));
    const again = await t.json(t.send("POST", "/api/v1/statuses", alice.token, { status: "once, retried" }, key));
    expect(again.id).toBe(first.id);
    const otherAccount = await t.json(t.send("POST", "/api/v1/statuses", bob.token, { status: "bob's own" }, key));
    expect(otherAccount.id).not.toBe(first.id);

    const race = { "Idempotency-Key": "race-1" };
    const results = await Promise.all([1, 2, 3].map(() => t.json(t.send("POST", "/api/v1/statuses", alice.token, { status: "raced post" }, race))));
    expect(new Set(results.map((r) => r.id)).size).toBe(1);
    const stored = await t.app.database.db.selectFrom("statuses").select("id").where("text", "=", "raced post").execute();
    expect(stored).toHaveLength(1);
  });

  it("schedules a post at least 5 minutes ahead and answers with a ScheduledStatus", async () => {
    const soon = await t.send("POST", "/api/v1/statuses", alice.token, { status: "too soon", scheduled_at: new Date(Date.now() + 60_000).toISOString() });
    expect(soon.status).toBe(422);
    const at = new Date(Date.now() + 10 * 60_000).toISOString();
    const response = await t.send("POST", "/api/v1/statuses", alice.token, { status: "later", scheduled_at: at, poll: poll(["x", "y"]) }, { "Idempotency-Key": "sched" });
    expect(response.status).toBe(200);
    const scheduled = await response.json();
    expectEntity(scheduled, "ScheduledStatus");
    expect(scheduled.params).toMatchObject({ text: "later", visibility: "public", poll: { options: ["x", "y"], expires_in: 3600, multiple: false } });
    expect(Date.parse(scheduled.scheduled_at)).toBe(Date.parse(at));
    const repeated = await t.json(t.send("POST", "/api/v1/statuses", alice.token, { status: "later" }, { "Idempotency-Key": "sched" }));
    expect(repeated.id).toBe(scheduled.id);
  });

  it("404s a reply to a status the author may not see, now or scheduled", async () => {
    const secret = await t.post(bob, { status: "just for me", visibility: "direct" });
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "reply", in_reply_to_id: secret.id })).status).toBe(404);
    const later = new Date(Date.now() + 600_000).toISOString();
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "reply", in_reply_to_id: secret.id, scheduled_at: later })).status).toBe(404);
    expect((await t.send("POST", "/api/v1/statuses", alice.token, { status: "reply", in_reply_to_id: "not-an-id" })).status).toBe(404);
  });

  it("takes what a post leaves out from the author's posting defaults", async () => {
    await writeUserSettings(t.app.database.db, { account_id: bob.id, default_privacy: "unlisted", default_sensitive: 1, default_language: "de", updated_at: Date.now() });
    const defaulted = await t.post(bob, { status: "with my defaults" });
    expect(defaulted).toMatchObject({ visibility: "unlisted", sensitive: true, language: "de" });
    const explicit = await t.post(bob, { status: "said otherwise", visibility: "public", sensitive: false, language: "en" });
    expect(explicit).toMatchObject({ visibility: "public", sensitive: false, language: "en" });
  });
});

describe("PUT /api/v1/statuses/:id, history and source", () => {
  it("edits one's own status, keeping every revision", async () => {
    const original = await t.post(alice, { status: "first words", spoiler_text: "cw", language: "en" });
    expect((await t.send("PUT", `/api/v1/statuses/${original.id}`, null, { status: "x" })).status).toBe(401);
    expect((await t.send("PUT", `/api/v1/statuses/${original.id}`, readOnly.token, { status: "x" })).status).toBe(403);
    expect((await t.send("PUT", `/api/v1/statuses/${original.id}`, bob.token, { status: "not yours" })).status).toBe(404);

    const edited = await t.json(t.send("PUT", `/api/v1/statuses/${original.id}`, alice.token, { status: "second words #edited", sensitive: true }));
    expectEntity(edited, "Status");
    expect(edited).toMatchObject({ id: original.id, spoiler_text: "", sensitive: true, language: "en", tags: [{ name: "edited" }] });
    expect(edited.edited_at).not.toBeNull();
    await t.send("PUT", `/api/v1/statuses/${original.id}`, alice.token, { status: "third words" });

    const history = await t.json(t.call(`/api/v1/statuses/${original.id}/history`, bob.token));
    expectEntities(history, "StatusEdit");
    expect(history.map((h: { content: string }) => h.content)).toEqual([
      expect.stringContaining("first words"),
      expect.stringContaining("second words"),
      expect.stringContaining("third words"),
    ]);
    expect(history[0].spoiler_text).toBe("cw");
    expect(history[0].account.id).toBe(alice.id);

    const source = await t.json(t.call(`/api/v1/statuses/${original.id}/source`, alice.token));
    expectEntity(source, "StatusSource");
    expect(source).toEqual({ id: original.id, text: "third words", spoiler_text: "" });
    expect((await t.call(`/api/v1/statuses/${original.id}/source`, bob.token)).status).toBe(404);
    expect((await t.call(`/api/v1/statuses/${original.id}/source`, null)).status).toBe(401);
  });

  it("a never-edited status has its one version; history of a hidden status is 404", async () => {
    const plain = await t.post(alice, { status: "never edited" });
    const history = await t.json(t.call(`/api/v1/statuses/${plain.id}/history`, null));
    expect(history).toHaveLength(1);
    const hidden = await t.post(alice, { status: "private", visibility: "private" });
    expect((await t.call(`/api/v1/statuses/${hidden.id}/history`, bob.token)).status).toBe(404);
    expect((await t.call(`/api/v1/statuses/${hidden.id}/history`, readOnly.token)).status).toBe(200);
  });

  it("keeps votes when the poll stays the same question, drops them when options change", async () => {
    const status = await t.post(alice, { status: "poll to edit", poll: poll(["a", "b"]) });
    await t.send("POST", `/api/v1/polls/${status.id}/votes`, bob.token, { choices: [1] });
    const longer = await t.json(t.send("PUT", `/api/v1/statuses/${status.id}`, alice.token, { status: "poll, longer", poll: poll(["a", "b"], { expires_in: 7200 }) }));
    expect(longer.poll.options).toEqual([{ title: "a", votes_count: 0 }, { title: "b", votes_count: 1 }]);
    const changed = await t.json(t.send("PUT", `/api/v1/statuses/${status.id}`, alice.token, { status: "poll, changed", poll: poll(["a", "c"]) }));
    expect(changed.poll.options).toEqual([{ title: "a", votes_count: 0 }, { title: "c", votes_count: 0 }]);
    const bobsView = await t.json(t.call(`/api/v1/polls/${status.id}`, bob.token));
    expect(bobsView).toMatchObject({ voted: false, own_votes: [] });
    const history = await t.json(t.call(`/api/v1/statuses/${status.id}/history`, alice.token));
    expect(history.map((h: { poll: { options: { title: string }[] } }) => h.poll.options.map((o) => o.title))).toEqual([["a", "b"], ["a", "b"], ["a", "c"]]);
  });
});
