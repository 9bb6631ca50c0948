// What relationships keep out: blocked, muted and domain-blocked accounts'
// posts stay out of the home timeline and their notifications are not
// created; boosts honour showing_reblogs, posts the follow's languages.
// Domain blocks (list, add, remove) end follows with that domain, and
// suggestions leave out whom the user follows, hides or dismissed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DomainEvent } from "../../src/domain/events.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type AccountsTest, startAccountsTest, type User } from "./accounts-helpers.ts";

let t: AccountsTest;
let reader: User, loud: User, rude: User, booster: User;
const events: DomainEvent[] = [];

beforeAll(async () => {
  t = await startAccountsTest();
  t.app.events.subscribe((event) => events.push(event));
  reader = await t.user("reader");
  loud = await t.user("loud");
  rude = await t.user("rude");
  booster = await t.user("booster");
  for (const target of [loud, rude, booster]) await t.send("POST", `/api/v1/accounts/${target.id}/follow`, reader.token);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("home timeline and notifications", () => {
  it("keeps muted and blocked accounts out, posts, boosts and mentions alike", async () => {
    const before = await t.post(loud, "before the mute");
    expect(await t.home(reader)).toContain(before);
    await t.send("POST", `/api/v1/accounts/${loud.id}/mute`, reader.token);
    // Muting clears what is there and keeps new posts out.
    expect(await t.home(reader)).not.toContain(before);
    const during = await t.post(loud, "while muted");
    const mention = await t.post(loud, "hey @reader");
    expect(await t.home(reader)).not.toContain(during);
    expect(await t.notifications(reader)).not.toContainEqual({ type: "mention", from: loud.id });
    // Someone else's boost of a muted account's post, and a post mentioning it, stay out too.
    const boost = await t.send("POST", `/api/v1/statuses/${during}/reblog`, booster.token);
    expect(await t.home(reader)).not.toContain(((await boost.json()) as { id: string }).id);
    const aboutLoud = await t.post(booster, "look at @loud");
    expect(await t.home(reader)).not.toContain(aboutLoud);
    expect(await t.home(reader)).not.toContain(mention);

    await t.send("POST", `/api/v1/accounts/${rude.id}/block`, reader.token);
    const blocked = await t.post(rude, "hello @reader");
    expect(await t.home(reader)).not.toContain(blocked);
    expect(await t.notifications(reader)).not.toContainEqual({ type: "mention", from: rude.id });

    await t.send("POST", `/api/v1/accounts/${loud.id}/unmute`, reader.token);
    const after = await t.post(loud, "after the mute");
    expect(await t.home(reader)).toContain(after);
  });

  it("a mute without notifications=true still notifies; a notification mute does not", async () => {
    const chatty = await t.user("chatty");
    await t.send("POST", `/api/v1/accounts/${chatty.id}/mute`, reader.token, { notifications: false });
    await t.post(chatty, "first @reader");
    expect(await t.notifications(reader)).toContainEqual({ type: "mention", from: chatty.id });
    await t.send("POST", `/api/v1/accounts/${chatty.id}/mute`, reader.token, { notifications: true });
    await t.send("POST", `/api/v1/accounts/${reader.id}/follow`, chatty.token);
    expect(await t.notifications(reader)).not.toContainEqual({ type: "follow", from: chatty.id });
  });

  it("honours showing_reblogs and the follow's languages", async () => {
    const original = await t.post(loud, "boost me");
    await t.send("POST", `/api/v1/accounts/${booster.id}/follow`, reader.token, { reblogs: false });
    const hidden = ((await (await t.send("POST", `/api/v1/statuses/${original}/reblog`, booster.token)).json()) as { id: string }).id;
    expect(await t.home(reader)).not.toContain(hidden);
    await t.send("POST", `/api/v1/accounts/${booster.id}/follow`, reader.token, { reblogs: true });
    const second = await t.post(rude, "another");
    const shown = ((await (await t.send("POST", `/api/v1/statuses/${second}/reblog`, booster.token)).json()) as { id: string }).id;
    expect(await t.home(reader)).not.toContain(shown); // rude is blocked: boosts of their posts stay out
    const third = await t.post(loud, "and another");
    const visible = ((await (await t.send("POST", `/api/v1/statuses/${third}/reblog`, booster.token)).json()) as { id: string }).id;
    expect(await t.home(reader)).toContain(visible);

    await t.send("POST", `/api/v1/accounts/${loud.id}/follow`, reader.token, { languages: ["fr"] });
    const english = await t.post(loud, "in English", { language: "en" });
    const french = await t.post(loud, "en français", { language: "fr" });
    const home = await t.home(reader);
    expect(home).toContain(french);
    expect(home).not.toContain(english);
  });
});

describe("post notifications", () => {
  it("notifies followers who asked for the author's posts, not of replies to others or boosts", async () => {
    const fanatic = await t.user("fanatic");
    const author = await t.user("author");
    await t.send("POST", `/api/v1/accounts/${author.id}/follow`, fanatic.token, { notify: true });
    await t.send("POST", `/api/v1/accounts/${author.id}/follow`, reader.token);
    const post = await t.post(author, "news!");
    const statusNotes = async (user: User) => (await t.notifications(user)).filter((n) => n.type === "status");
    expect(await statusNotes(fanatic)).toEqual([{ type: "status", from: author.id }]);
    expect(await statusNotes(reader)).toEqual([]);
    await t.post(author, "a thread", { in_reply_to_id: post });
    const other = await t.post(reader, "something");
    await t.post(author, "@reader a reply", { in_reply_to_id: other });
    await t.send("POST", `/api/v1/statuses/${other}/reblog`, author.token);
    expect(await statusNotes(fanatic)).toHaveLength(2);
    const listed = await t.get("/api/v1/notifications", fanatic.token);
    const notification = listed.find((n: any) => n.type === "status" && n.status.id === post);
    expectEntity(notification, "Notification");
  });
});

describe("domain blocks", () => {
  it("lists, adds and removes blocked domains; ends follows with the domain both ways", async () => {
    const fan = await t.remote("fan", "spam.example");
    const idol = await t.remote("idol", "spam.example");
    await t.app.services.followAccount({ followerId: fan.id, targetId: reader.id, origin: "remote", uri: "https://spam.example/follows/1" });
    await t.send("POST", `/api/v1/accounts/${idol.id}/follow`, reader.token);
    const idolPost = await t.remotePost(idol, "spam");
    events.length = 0;
    const blocked = await t.send("POST", "/api/v1/domain_blocks", reader.token, { domain: "Spam.Example" });
    expect(blocked.status).toBe(200);
    expect(await blocked.json()).toEqual({});
    const rels = await t.get(`/api/v1/accounts/relationships?id[]=${fan.id}&id[]=${idol.id}`, reader.token);
    expect(rels.map((r: any) => [r.domain_blocking, r.following, r.followed_by, r.requested])).toEqual([[true, false, false, false], [true, false, false, false]]);
    // Their follow is rejected and our request withdrawn, over federation.
    expect(events.map((e) => e.type).sort()).toEqual(["follow.rejected", "follow.undone"]);
    expect(await t.home(reader)).not.toContain(idolPost.id);
    const later = await t.remotePost(fan, "hi @reader", { mentions: [reader.id] });
    expect(await t.home(reader)).not.toContain(later.id);
    expect(await t.notifications(reader)).not.toContainEqual({ type: "mention", from: fan.id });
    expect((await t.send("POST", `/api/v1/accounts/${idol.id}/follow`, reader.token)).status).toBe(403);
    expect((await t.app.services.followAccount({ followerId: fan.id, targetId: reader.id, origin: "remote", uri: "https://spam.example/follows/2" })).ok).toBe(false);

    await t.send("POST", "/api/v1/domain_blocks", reader.token, { domain: "other.example" });
    const first = await t.call("/api/v1/domain_blocks?limit=1", reader.token);
    expect(await first.json()).toEqual(["other.example"]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link")!)![1]!;
    expect(await t.get(new URL(next).pathname + new URL(next).search, reader.token)).toEqual(["spam.example"]);
    await t.send("DELETE", "/api/v1/domain_blocks", reader.token, { domain: "other.example" });
    expect(await t.get("/api/v1/domain_blocks", reader.token)).toEqual(["spam.example"]);

    expect((await t.send("POST", "/api/v1/domain_blocks", reader.token, { domain: "not a domain" })).status).toBe(422);
    expect((await t.send("POST", "/api/v1/domain_blocks", reader.token, { domain: "parley.test" })).status).toBe(422);
    expect((await t.send("POST", "/api/v1/domain_blocks", reader.token, {})).status).toBe(422);
    expect((await t.call("/api/v1/domain_blocks", null)).status).toBe(401);
    expect((await t.send("POST", "/api/v1/domain_blocks", await t.token(reader, "read"), { domain: "x.example" })).status).toBe(403);
  });
});

describe("suggestions", () => {
  it("suggests popular local accounts not followed, hidden or dismissed", async () => {
    const newcomer = await t.user("newcomer");
    const popular = await t.user("popular");
    const dull = await t.user("dull");
    for (const fan of [reader, loud]) await t.send("POST", `/api/v1/accounts/${popular.id}/follow`, fan.token);
    const v1 = await t.get("/api/v1/suggestions", newcomer.token);
    expectEntities(v1, "Account");
    expect(v1[0].id).toBe(popular.id);
    const v2 = await t.get("/api/v2/suggestions?limit=2", newcomer.token);
    expectEntities(v2, "Suggestion");
    expect(v2).toHaveLength(2);
    expect(v2[0]).toMatchObject({ sources: ["most_followed"], account: { id: popular.id } });
    await t.send("POST", `/api/v1/accounts/${popular.id}/follow`, newcomer.token);
    await t.send("POST", `/api/v1/accounts/${loud.id}/block`, newcomer.token);
    const dismissed = await t.call(`/api/v1/suggestions/${dull.id}`, newcomer.token, { method: "DELETE" });
    expect(dismissed.status).toBe(200);
    const ids = (await t.get("/api/v1/suggestions?limit=80", newcomer.token)).map((a: any) => a.id);
    for (const gone of [popular.id, loud.id, dull.id, newcomer.id]) expect(ids).not.toContain(gone);
    expect(ids).toContain(booster.id);
    expect((await t.call("/api/v1/suggestions/123", newcomer.token, { method: "DELETE" })).status).toBe(404);
    expect((await t.call("/api/v2/suggestions", null)).status).toBe(401);
    expect((await t.call(`/api/v1/suggestions/${dull.id}`, await t.token(newcomer, "read"), { method: "DELETE" })).status).toBe(403);
    expectEntity(v2[1].account, "Account");
  });
});
