// Filters API v2 and v1: CRUD of filters, keywords and statuses (form and
// JSON bodies), ownership, scopes and validation, all checked against
// openapi.json.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser, readOnly: string;

const form = (path: string, token: string, method: string, body: string) =>
  t.call(path, token, { method, body, headers: { "Content-Type": "application/x-www-form-urlencoded" } });

beforeAll(async () => {
  t = await startApiTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
  readOnly = (await t.user("reader", "read")).token;
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("filters API v2", () => {
  it("creates a filter from Rails-style form keywords, lists and shows it", async () => {
    const body = "title=Food&context[]=home&context[]=public&filter_action=hide&expires_in=3600"
      + "&keywords_attributes[][keyword]=broccoli&keywords_attributes[][whole_word]=false"
      + "&keywords_attributes[][keyword]=kale";
    const created = await form("/api/v2/filters", alice.token, "POST", body);
    expect(created.status).toBe(200);
    const filter = await created.json() as { id: string; context: string[]; filter_action: string; expires_at: string; keywords: { keyword: string; whole_word: boolean }[] };
    expectEntity(filter, "Filter");
    expect(filter.context).toEqual(["home", "public"]);
    expect(filter.filter_action).toBe("hide");
    expect(Date.parse(filter.expires_at) - Date.now()).toBeGreaterThan(3500_000);
    expect(filter.keywords.map((k) => [k.keyword, k.whole_word])).toEqual([["broccoli", false], ["kale", true]]);

    const list = await t.json<{ id: string }[]>(t.call("/api/v2/filters", alice.token));
    expectEntities(list, "Filter");
    expect(list.map((f) => f.id)).toEqual([filter.id]);
    expectEntity(await t.json(t.call(`/api/v2/filters/${filter.id}`, alice.token)), "Filter");
  });

  it("updates settings and keywords (change, destroy, add) in one request", async () => {
    const filter = await t.json<{ id: string; keywords: { id: string }[] }>(t.send("POST", "/api/v2/filters", alice.token, {
      title: "Words",
      context: ["home"],
      keywords_attributes: [{ keyword: "foo" }, { keyword: "bar", whole_word: false }],
    }));
    const [foo, bar] = filter.keywords;
    const updated = await t.send("PUT", `/api/v2/filters/${filter.id}`, alice.token, {
      title: "Other words",
      filter_action: "blur",
      expires_in: "",
      keywords_attributes: [{ id: foo!.id, _destroy: true }, { id: bar!.id, keyword: "baz" }, { keyword: "qux" }],
    });
    expect(updated.status).toBe(200);
    const body = await updated.json() as { title: string; filter_action: string; expires_at: null; keywords: { id: string; keyword: string; whole_word: boolean }[] };
    expectEntity(body, "Filter");
    expect(body).toMatchObject({ title: "Other words", filter_action: "blur", expires_at: null });
    expect(body.keywords.map((k) => k.keyword)).toEqual(["baz", "qux"]);
    expect(body.keywords[0]).toMatchObject({ id: bar!.id, whole_word: false });

    // A keyword of another filter is not this filter's: 404.
    const other = await t.json<{ id: string; keywords: { id: string }[] }>(t.send("POST", "/api/v2/filters", alice.token, { title: "x", context: ["home"], keywords_attributes: [{ keyword: "x" }] }));
    const foreign = await t.send("PUT", `/api/v2/filters/${filter.id}`, alice.token, { keywords_attributes: [{ id: other.keywords[0]!.id, _destroy: true }] });
    expect(foreign.status).toBe(404);
  });

  it("manages keywords and statuses one by one", async () => {
    const filter = await t.json<{ id: string }>(t.send("POST", "/api/v2/filters", alice.token, { title: "One by one", context: ["thread"] }));
    const keyword = await t.json<{ id: string; keyword: string }>(form(`/api/v2/filters/${filter.id}/keywords`, alice.token, "POST", "keyword=spoiler&whole_word=true"));
    expectEntity(keyword, "FilterKeyword");
    expectEntities(await t.json(t.call(`/api/v2/filters/${filter.id}/keywords`, alice.token)), "FilterKeyword");
    const changed = await t.json<{ keyword: string; whole_word: boolean }>(t.send("PUT", `/api/v2/filters/keywords/${keyword.id}`, alice.token, { keyword: "spoilers", whole_word: false }));
    expect(changed).toMatchObject({ keyword: "spoilers", whole_word: false });
    expectEntity(await t.json(t.call(`/api/v2/filters/keywords/${keyword.id}`, alice.token)), "FilterKeyword");
    expect((await t.send("PUT", `/api/v2/filters/keywords/${keyword.id}`, alice.token, { keyword: " " })).status).toBe(422);
    expect(await t.json(t.call(`/api/v2/filters/keywords/${keyword.id}`, alice.token, { method: "DELETE" }))).toEqual({});
    expect((await t.call(`/api/v2/filters/keywords/${keyword.id}`, alice.token)).status).toBe(404);

    const post = await t.post(bob, "filter this one");
    const entry = await t.json<{ id: string; status_id: string }>(t.send("POST", `/api/v2/filters/${filter.id}/statuses`, alice.token, { status_id: post.id }));
    expectEntity(entry, "FilterStatus");
    expect(entry.status_id).toBe(post.id);
    expect((await t.send("POST", `/api/v2/filters/${filter.id}/statuses`, alice.token, { status_id: post.id })).status).toBe(422);
    expectEntities(await t.json(t.call(`/api/v2/filters/${filter.id}/statuses`, alice.token)), "FilterStatus");
    expectEntity(await t.json(t.call(`/api/v2/filters/statuses/${entry.id}`, alice.token)), "FilterStatus");
    expect(await t.json(t.call(`/api/v2/filters/statuses/${entry.id}`, alice.token, { method: "DELETE" }))).toEqual({});
    expect((await t.call(`/api/v2/filters/statuses/${entry.id}`, alice.token)).status).toBe(404);

    // A status the filter's owner may not see cannot be added (404, never 403).
    const secret = await t.post(bob, "only for @nobody", { visibility: "direct" });
    expect((await t.send("POST", `/api/v2/filters/${filter.id}/statuses`, alice.token, { status_id: secret.id })).status).toBe(404);

    expect(await t.json(t.call(`/api/v2/filters/${filter.id}`, alice.token, { method: "DELETE" }))).toEqual({});
    expect((await t.call(`/api/v2/filters/${filter.id}`, alice.token)).status).toBe(404);
  });

  it("validates like Mastodon: 422 with the reasons", async () => {
    const blank = await t.send("POST", "/api/v2/filters", alice.token, { context: ["nowhere"] });
    expect(blank.status).toBe(422);
    const error = await blank.json() as { error: string };
    expectEntity(error, "Error");
    expect(error.error).toBe("Validation failed: Title can't be blank, Context None or invalid context supplied");
    expect((await t.send("POST", "/api/v2/filters", alice.token, { title: "x", context: ["home"], filter_action: "explode" })).status).toBe(422);
    expect((await t.send("POST", "/api/v2/filters", alice.token, { title: "x", context: ["home"], keywords_attributes: [{ keyword: "" }] })).status).toBe(422);
    // A keyword id in a new filter names nothing there (Mastodon answers 404).
    expect((await t.send("POST", "/api/v2/filters", alice.token, { title: "x", context: ["home"], keywords_attributes: [{ id: "1", keyword: "a" }] })).status).toBe(404);
  });

  it("answers 401 without a token, 403 without the scope, 404 for another user's filter", async () => {
    expect((await t.call("/api/v2/filters", null)).status).toBe(401);
    expect((await t.send("POST", "/api/v2/filters", readOnly, { title: "x", context: ["home"] })).status).toBe(403);
    const readScoped = await t.user("scoped", "write:filters");
    expect((await t.call("/api/v2/filters", readScoped.token)).status).toBe(403);
    const mine = await t.json<{ id: string; keywords: { id: string }[] }>(t.send("POST", "/api/v2/filters", alice.token, { title: "Mine", context: ["home"], keywords_attributes: [{ keyword: "mine" }] }));
    expect((await t.call(`/api/v2/filters/${mine.id}`, bob.token)).status).toBe(404);
    expect((await t.send("PUT", `/api/v2/filters/${mine.id}`, bob.token, { title: "Stolen" })).status).toBe(404);
    expect((await t.call(`/api/v2/filters/${mine.id}`, bob.token, { method: "DELETE" })).status).toBe(404);
    expect((await t.call(`/api/v2/filters/${mine.id}/keywords`, bob.token)).status).toBe(404);
    expect((await t.call(`/api/v2/filters/keywords/${mine.keywords[0]!.id}`, bob.token)).status).toBe(404);
    expect((await t.call("/api/v2/filters/not-an-id", alice.token)).status).toBe(404);
  });
});

describe("filters API v1 (mapped onto v2)", () => {
  it("creates, lists, updates and deletes one-keyword filters", async () => {
    const created = await form("/api/v1/filters", bob.token, "POST", "phrase=Eurovision&context[]=home&context[]=notifications&irreversible=true");
    expect(created.status).toBe(200);
    const v1 = await created.json() as { id: string; phrase: string; irreversible: boolean; whole_word: boolean; context: string[] };
    expectEntity(v1, "V1Filter");
    expect(v1).toMatchObject({ phrase: "Eurovision", irreversible: true, whole_word: false, context: ["home", "notifications"] });
    // In v2 it is a filter titled with the phrase, with the "hide" action.
    const [v2] = await t.json<{ title: string; filter_action: string; keywords: { id: string }[] }[]>(t.call("/api/v2/filters", bob.token));
    expect(v2).toMatchObject({ title: "Eurovision", filter_action: "hide" });
    expect(v2!.keywords[0]!.id).toBe(v1.id);

    const list = await t.json<{ id: string }[]>(t.call("/api/v1/filters", bob.token));
    expectEntities(list, "V1Filter");
    expect(list.map((f) => f.id)).toEqual([v1.id]);
    expectEntity(await t.json(t.call(`/api/v1/filters/${v1.id}`, bob.token)), "V1Filter");

    const updated = await t.json<{ phrase: string; irreversible: boolean; context: string[] }>(
      t.send("PUT", `/api/v1/filters/${v1.id}`, bob.token, { phrase: "Song contest", context: ["public"], irreversible: false }),
    );
    expect(updated).toMatchObject({ phrase: "Song contest", irreversible: false, context: ["public"] });
    expect((await t.send("PUT", `/api/v1/filters/${v1.id}`, bob.token, { phrase: "", context: ["public"] })).status).toBe(422);
    expect((await t.call(`/api/v1/filters/${v1.id}`, alice.token)).status).toBe(404);

    expect(await t.json(t.call(`/api/v1/filters/${v1.id}`, bob.token, { method: "DELETE" }))).toEqual({});
    expect(await t.json(t.call("/api/v1/filters", bob.token))).toEqual([]);
  });

  it("refuses to change a filter shared by several keywords, but changes its phrase", async () => {
    const filter = await t.json<{ keywords: { id: string }[] }>(t.send("POST", "/api/v2/filters", alice.token, {
      title: "Shared",
      context: ["home"],
      keywords_attributes: [{ keyword: "one" }, { keyword: "two" }],
    }));
    const id = filter.keywords[0]!.id;
    expect((await t.send("PUT", `/api/v1/filters/${id}`, alice.token, { phrase: "one", context: ["public"] })).status).toBe(422);
    const renamed = await t.send("PUT", `/api/v1/filters/${id}`, alice.token, { phrase: "uno", context: ["home"] });
    expect(renamed.status).toBe(200);
    expect(await renamed.json()).toMatchObject({ phrase: "uno" });
  });

  it("answers 401 and 403", async () => {
    expect((await t.call("/api/v1/filters", null)).status).toBe(401);
    expect((await t.send("POST", "/api/v1/filters", readOnly, { phrase: "x", context: ["home"] })).status).toBe(403);
  });
});
