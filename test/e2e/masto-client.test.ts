// masto.js (the client library of Elk and Phanpy) against real Parley
// instances: the rig serves them over HTTPS on loopback and installs its CA
// and host names into the process's fetch dispatcher, which masto's global
// fetch (and Node's WebSocket) go through, so masto talks to Parley as to
// any server; a second instance answers search with resolve. Alice registers
// an app and signs in through the HTML forms with PKCE; everything after is
// masto calls, each answer also checked on the wire against openapi.json.
import { createOAuthAPIClient, createRestAPIClient, createStreamingAPIClient, type mastodon } from "masto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePng } from "../helpers/media.ts";
import { authorizeInBrowser, authorizeUrl, PASSWORD, pkcePair } from "../helpers/oauth-sign-in.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { recordResponses, type ResponseRecorder } from "../helpers/recorded-responses.ts";
import { settledSockets } from "../helpers/settled-websocket.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

const CALLBACK = "https://client.example/callback";
const SCOPES = "read write follow push";

let rig: Rig;
let a: RigInstance;
let b: RigInstance;
let wire: ResponseRecorder;
let masto: mastodon.rest.Client;
let aliceToken: string;
let credentials: { clientId: string; clientSecret: string };
let alice: mastodon.v1.CredentialAccount;
let carol: mastodon.rest.Client;
let dave: mastodon.rest.Client;
let carolId: string;
let bob: Awaited<ReturnType<RigInstance["createAccount"]>>;
let bobOnA: string;

/** The JSON of the last answer to `method path` as it came over the wire, checked against the schema. */
function onTheWire(method: string, path: string | RegExp, schema: string, list = false): any {
  const { json } = wire.last(method, path);
  if (list) expectEntities(json, schema);
  else expectEntity(json, schema);
  return json;
}

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
  wire = recordResponses(a.url.origin);
  const created = await a.app.services.createLocalAccount({ username: "alice", email: "alice@a.example", password: PASSWORD });
  if (!created.ok) throw new Error(created.message);
  const carolRow = await a.createAccount("carol");
  carolId = carolRow.id;
  carol = createRestAPIClient({ url: a.url.origin, accessToken: await issueToken(a.app, carolRow.id) });
  dave = createRestAPIClient({ url: a.url.origin, accessToken: await issueToken(a.app, (await a.createAccount("dave")).id) });
  bob = await b.createAccount("bob");
  // An instance nobody set a contact address for answers contact.email "" (as Mastodon does), which
  // the contract's "email" format refuses; operators set one.
  await a.app.services.setInstanceSetting({ key: "contact_email", value: "admin@a.parley.test" });
});
afterAll(async () => {
  wire?.restore();
  await rig?.close();
});

describe("masto.js against Parley", () => {
  it("registers an app, signs in with the authorization code flow and PKCE, and verifies the credentials", async () => {
    const anonymous = createRestAPIClient({ url: a.url.origin });
    const app = await anonymous.v1.apps.create({ clientName: "masto e2e", redirectUris: CALLBACK, scopes: SCOPES, website: "https://client.example" });
    onTheWire("POST", "/api/v1/apps", "CredentialApplication");
    expect(app.clientId).toBeTruthy();
    credentials = { clientId: app.clientId!, clientSecret: app.clientSecret! };

    const pkce = pkcePair();
    const url = authorizeUrl(a.url, { clientId: app.clientId!, redirectUri: CALLBACK, scope: SCOPES, state: "xyz", codeChallenge: pkce.challenge });
    const { code, state } = await authorizeInBrowser(url, { email: "alice@a.example" });
    expect(state).toBe("xyz");

    const oauth = createOAuthAPIClient({ url: a.url.origin });
    // masto's types stop at Mastodon's documented parameters; code_verifier goes along as an extra field.
    const params = { grantType: "authorization_code", clientId: app.clientId!, clientSecret: app.clientSecret!, redirectUri: CALLBACK, code, codeVerifier: pkce.verifier } as const;
    const token = await oauth.token.create(params);
    onTheWire("POST", "/oauth/token", "Token");
    expect(token.scope).toBe(SCOPES);
    aliceToken = token.accessToken;

    masto = createRestAPIClient({ url: a.url.origin, accessToken: aliceToken });
    alice = await masto.v1.accounts.verifyCredentials();
    onTheWire("GET", "/api/v1/accounts/verify_credentials", "CredentialAccount");
    expect(alice.username).toBe("alice");
    expect(alice.source.privacy).toBe("public");
    const verified = await masto.v1.apps.verifyCredentials();
    onTheWire("GET", "/api/v1/apps/verify_credentials", "Application");
    expect(verified.name).toBe("masto e2e");
  });

  it("uploads a PNG made at test time and posts with it", async () => {
    const png = await makePng(64, 48);
    const media = await masto.v2.media.create({ file: new Blob([new Uint8Array(png)], { type: "image/png" }), description: "a blue rectangle" });
    expect(media.type).toBe("image");
    expect(media.url).toMatch(/^https:\/\/a\.parley\.test:\d+\//);
    expect(media.meta?.original?.width).toBe(64);
    onTheWire("GET", `/api/v1/media/${media.id}`, "MediaAttachment");

    const status = await masto.v1.statuses.create({ status: "a picture", mediaIds: [media.id] });
    onTheWire("POST", "/api/v1/statuses", "Status");
    expect(status.mediaAttachments.map((m) => [m.id, m.description])).toEqual([[media.id, "a blue rectangle"]]);
    const file = await fetch(status.mediaAttachments[0]!.url!);
    expect(file.status).toBe(200);
    expect(file.headers.get("Content-Type")).toMatch(/^image\//);
  });

  it("posts a poll behind a content warning, replies to it, and carol votes", async () => {
    const poll = await masto.v1.statuses.create({ status: "tea or coffee?", spoilerText: "beverages", poll: { options: ["tea", "coffee"], expiresIn: 3600 } });
    onTheWire("POST", "/api/v1/statuses", "Status");
    expect(poll.spoilerText).toBe("beverages");
    expect(poll.sensitive).toBe(true);
    expect(poll.poll?.options.map((o) => o.title)).toEqual(["tea", "coffee"]);

    const voted = await carol.v1.polls.$select(poll.poll!.id).votes.create({ choices: [1] });
    onTheWire("POST", `/api/v1/polls/${poll.poll!.id}/votes`, "Poll");
    expect(voted.votesCount).toBe(1);
    expect(voted.ownVotes).toEqual([1]);

    const reply = await masto.v1.statuses.create({ status: "coffee, obviously", inReplyToId: poll.id });
    expect(reply.inReplyToId).toBe(poll.id);
    const context = await masto.v1.statuses.$select(poll.id).context.fetch();
    onTheWire("GET", `/api/v1/statuses/${poll.id}/context`, "Context");
    expect(context.descendants.map((s) => s.id)).toEqual([reply.id]);
    expect(context.descendants[0]!.inReplyToAccountId).toBe(alice.id);
  });

  it("favourites, boosts and bookmarks carol's post", async () => {
    const post = await carol.v1.statuses.create({ status: "something worth keeping" });
    const favourited = await masto.v1.statuses.$select(post.id).favourite();
    onTheWire("POST", `/api/v1/statuses/${post.id}/favourite`, "Status");
    expect(favourited).toMatchObject({ favourited: true, favouritesCount: 1 });
    const boost = await masto.v1.statuses.$select(post.id).reblog();
    onTheWire("POST", `/api/v1/statuses/${post.id}/reblog`, "Status");
    expect(boost.reblog).toMatchObject({ id: post.id, reblogged: true, reblogsCount: 1 });
    const bookmarked = await masto.v1.statuses.$select(post.id).bookmark();
    expect(bookmarked.bookmarked).toBe(true);

    const bookmarks = await masto.v1.bookmarks.list();
    onTheWire("GET", "/api/v1/bookmarks", "Status", true);
    expect(bookmarks.map((s) => s.id)).toEqual([post.id]);
    const favourites = await masto.v1.favourites.list();
    expect(favourites.map((s) => s.id)).toEqual([post.id]);
    const seen = await masto.v1.statuses.$select(post.id).fetch();
    expect(seen).toMatchObject({ favourited: true, reblogged: true, bookmarked: true });
    const notified = async () => (await carol.v1.notifications.list({ types: ["favourite", "reblog"] })).map((n) => [n.type, n.account.username]);
    expect(await notified()).toEqual(expect.arrayContaining([["favourite", "alice"], ["reblog", "alice"]]));

    // Taking them back takes back carol's notifications too.
    expect(await masto.v1.statuses.$select(post.id).unfavourite()).toMatchObject({ favourited: false, favouritesCount: 0 });
    expect(await masto.v1.statuses.$select(post.id).unreblog()).toMatchObject({ reblogged: false, reblogsCount: 0 });
    expect(await masto.v1.statuses.$select(post.id).unbookmark()).toMatchObject({ bookmarked: false });
    expect(await notified()).toEqual([]);
  });

  it("edits a post and reads its history, then deletes it", async () => {
    const post = await masto.v1.statuses.create({ status: "frist" });
    const edited = await masto.v1.statuses.$select(post.id).update({ status: "first" });
    onTheWire("PUT", `/api/v1/statuses/${post.id}`, "Status");
    expect(edited.content).toContain("first");
    expect(edited.editedAt).toBeTruthy();
    const history = await masto.v1.statuses.$select(post.id).history.list();
    onTheWire("GET", `/api/v1/statuses/${post.id}/history`, "StatusEdit", true);
    expect(history.map((h) => h.content)).toEqual([expect.stringContaining("frist"), expect.stringContaining("first")]);
    const source = await masto.v1.statuses.$select(post.id).source.fetch();
    onTheWire("GET", `/api/v1/statuses/${post.id}/source`, "StatusSource");
    expect(source.text).toBe("first");

    const deleted = await masto.v1.statuses.$select(post.id).remove();
    onTheWire("DELETE", `/api/v1/statuses/${post.id}`, "Status");
    // Delete and redraft: the answer carries the source text.
    expect(deleted.text).toBe("first");
    await expect(masto.v1.statuses.$select(post.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("pages the home timeline with masto's paginator, following the Link headers", async () => {
    await masto.v1.accounts.$select(carolId).follow();
    onTheWire("POST", `/api/v1/accounts/${carolId}/follow`, "Relationship");
    for (let i = 1; i <= 5; i++) await carol.v1.statuses.create({ status: `post ${i} by carol` });

    const all = await masto.v1.timelines.home.list({ limit: 40 });
    const pages: string[][] = [];
    for await (const page of masto.v1.timelines.home.list({ limit: 3 })) {
      onTheWire("GET", "/api/v1/timelines/home", "Status", true);
      if (page.length > 0) expect(wire.last("GET", "/api/v1/timelines/home").headers.get("Link")).toContain('rel="next"');
      pages.push(page.map((s) => s.id));
    }
    // Every page but the last empty one is full, and together they are the whole timeline, newest first.
    expect(pages.at(-1)).toEqual([]);
    expect(pages.slice(0, -2).every((p) => p.length === 3)).toBe(true);
    expect(pages.flat()).toEqual(all.map((s) => s.id));
    expect(all.filter((s) => s.content.includes("by carol"))).toHaveLength(5);
    expect(all.length).toBeGreaterThan(6);
  });

  it("lists notifications (v1) and grouped notifications (v2)", async () => {
    const post = await masto.v1.statuses.create({ status: "like me" });
    await carol.v1.statuses.$select(post.id).favourite();
    await dave.v1.statuses.$select(post.id).favourite();
    await dave.v1.accounts.$select(alice.id).follow();
    await carol.v1.statuses.create({ status: "@alice hello" });

    const notifications = await masto.v1.notifications.list({ limit: 10 });
    onTheWire("GET", "/api/v1/notifications", "Notification", true);
    expect(notifications.map((n) => [n.type, n.account.username])).toEqual(expect.arrayContaining([
      ["mention", "carol"], ["follow", "dave"], ["favourite", "dave"], ["favourite", "carol"],
    ]));

    const grouped = await masto.v2.notifications.list({ types: ["favourite", "follow", "mention"] });
    onTheWire("GET", "/api/v2/notifications", "GroupedNotificationsResults");
    const favourites = grouped.notificationGroups.find((g) => g.type === "favourite" && g.statusId === post.id);
    expect(favourites?.notificationsCount).toBe(2);
    expect(new Set(favourites?.sampleAccountIds)).toEqual(new Set([carolId, notifications.find((n) => n.type === "follow")!.account.id]));
    expect(grouped.statuses.map((s) => s.id)).toContain(post.id);
    expect(grouped.accounts.map((x) => x.username)).toEqual(expect.arrayContaining(["carol", "dave"]));
  });

  it("finds bob on B with search and resolve=true, and follows him", async () => {
    const found = await masto.v2.search.list({ q: `@bob@${b.host}`, resolve: true, type: "accounts" });
    onTheWire("GET", "/api/v2/search", "Search");
    expect(found.accounts.map((x) => x.acct)).toEqual([`bob@${b.host}`]);
    bobOnA = found.accounts[0]!.id;
    const relationship = await masto.v1.accounts.$select(bobOnA).follow();
    expect(relationship.following || relationship.requested).toBe(true);
    await eventually(async () => (await masto.v1.accounts.relationships.fetch({ id: [bobOnA] }))[0]?.following, { what: "B to accept the follow" });
    onTheWire("GET", "/api/v1/accounts/relationships", "Relationship", true);
  });

  it("makes a list, adds carol, and reads the list timeline", async () => {
    const list = await masto.v1.lists.create({ title: "friends" });
    onTheWire("POST", "/api/v1/lists", "List");
    await masto.v1.lists.$select(list.id).accounts.create({ accountIds: [carolId] });
    const members = await masto.v1.lists.$select(list.id).accounts.list();
    onTheWire("GET", `/api/v1/lists/${list.id}/accounts`, "Account", true);
    expect(members.map((m) => m.id)).toEqual([carolId]);
    const timeline = await masto.v1.timelines.list.$select(list.id).list();
    onTheWire("GET", `/api/v1/timelines/list/${list.id}`, "Status", true);
    expect(timeline.length).toBeGreaterThan(0);
    expect(timeline.every((s) => s.account.id === carolId)).toBe(true);
    const lists = await masto.v1.lists.list();
    expect(lists.map((l) => l.title)).toEqual(["friends"]);
  });

  it("hides posts with a v2 keyword filter from the home timeline", async () => {
    const filter = await masto.v2.filters.create({ title: "fruit", context: ["home"], filterAction: "hide", keywordsAttributes: [{ keyword: "durian", wholeWord: true }] });
    onTheWire("POST", "/api/v2/filters", "Filter");
    expect(filter.keywords.map((k) => k.keyword)).toEqual(["durian"]);
    const hidden = await carol.v1.statuses.create({ status: "I had durian for breakfast" });
    const shown = await carol.v1.statuses.create({ status: "I had mango for breakfast" });
    const home = await masto.v1.timelines.home.list({ limit: 40 });
    const ids = home.map((s) => s.id);
    expect(ids).toContain(shown.id);
    expect(ids).not.toContain(hidden.id);
    const filters = await masto.v2.filters.list();
    onTheWire("GET", "/api/v2/filters", "Filter", true);
    expect(filters.map((f) => f.title)).toEqual(["fruit"]);
  });

  it("saves and reads the home marker", async () => {
    const [newest] = await masto.v1.timelines.home.list({ limit: 1 });
    const saved = await masto.v1.markers.create({ home: { lastReadId: newest!.id } });
    expectEntity((wire.last("POST", "/api/v1/markers").json as { home: unknown }).home, "Marker");
    expect(saved.home?.lastReadId).toBe(newest!.id);
    const read = await masto.v1.markers.fetch({ timeline: ["home"] });
    expect(read.home?.lastReadId).toBe(newest!.id);
    expect(read.home?.version).toBe(saved.home?.version);
  });

  it("receives an update on the WebSocket user stream when bob, followed across instances, posts", async () => {
    const instance = await masto.v2.instance.fetch();
    onTheWire("GET", "/api/v2/instance", "Instance");
    const sockets = settledSockets();
    // Closed by hand: the client's [Symbol.dispose] dispatches an action masto 8.0.0 does not know ("kill").
    const streaming = createStreamingAPIClient({ streamingApiUrl: instance.configuration.urls.streaming, accessToken: aliceToken, implementation: sockets.implementation, retry: false });
    const received: mastodon.streaming.Event[] = [];
    const reading = (async () => {
      for await (const event of streaming.user.subscribe()) received.push(event);
    })().catch(() => undefined); // ends when the client closes
    try {
      await sockets.settleAfter((m) => m.type === "subscribe" && m.stream === "user");
      const posted = await b.post(bob, "hello from B to masto");
      const update = await eventually(async () => received.find((e) => e.event === "update"), { what: "bob's post on alice's user stream" });
      if (update.event !== "update") throw new Error("not an update");
      expect(update.stream).toEqual(["user"]);
      expect(update.payload.uri).toBe(posted.uri);
      expect(update.payload.account.acct).toBe(`bob@${b.host}`);
      expect(update.payload.content).toContain("hello from B to masto");
      expectEntity(JSON.parse(sockets.received.find((m) => m.event === "update")!.payload!), "Status");
    } finally {
      streaming.close();
      await reading;
    }
  });
});

describe("masto.js against Parley: more of what clients do", () => {
  it("reads newer statuses through the prev Link (min_id), as clients do to catch up", async () => {
    const pager = masto.v1.timelines.home.list({ limit: 2 }).setDirection("prev")[Symbol.asyncIterator]();
    const newest = (await pager.next()).value!;
    expect(newest).toHaveLength(2);
    const fresh = [await carol.v1.statuses.create({ status: "catch me up 1" }), await carol.v1.statuses.create({ status: "catch me up 2" })];
    const newer = (await pager.next()).value!;
    onTheWire("GET", "/api/v1/timelines/home", "Status", true);
    expect(newer.map((s) => s.id)).toEqual(fresh.map((s) => s.id).reverse());
  });

  it("pages notifications v1 and grouped v2 one at a time without losing or repeating any", async () => {
    const all = await masto.v1.notifications.list({ limit: 40 });
    const v1: string[] = [];
    for await (const page of masto.v1.notifications.list({ limit: 1 })) v1.push(...page.map((n) => n.id));
    expect(v1).toEqual(all.map((n) => n.id));

    const grouped = await masto.v2.notifications.list({ limit: 40 });
    const v2: string[] = [];
    for await (const page of masto.v2.notifications.list({ limit: 1 })) {
      onTheWire("GET", "/api/v2/notifications", "GroupedNotificationsResults");
      v2.push(...page.notificationGroups.map((g) => g.groupKey));
    }
    expect(v2).toEqual(grouped.notificationGroups.map((g) => g.groupKey));
    expect(v2.length).toBeGreaterThan(2);
  });

  it("sends carol a direct message, which she reads as a conversation", async () => {
    const message = await masto.v1.statuses.create({ status: "@carol just between us", visibility: "direct" });
    expect(message.visibility).toBe("direct");
    const conversations = await carol.v1.conversations.list();
    onTheWire("GET", "/api/v1/conversations", "Conversation", true);
    const conversation = conversations.find((c) => c.lastStatus?.id === message.id);
    expect(conversation?.unread).toBe(true);
    expect(conversation?.accounts.map((x) => x.username)).toEqual(["alice"]);
    const read = await carol.v1.conversations.$select(conversation!.id).read();
    expect(read.unread).toBe(false);
    // Nobody else sees it.
    await expect(dave.v1.statuses.$select(message.id).fetch()).rejects.toMatchObject({ statusCode: 404 });
  });

  it("schedules a status, lists it and cancels it", async () => {
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const scheduled = await masto.v1.statuses.create({ status: "from the future", scheduledAt: at });
    onTheWire("POST", "/api/v1/statuses", "ScheduledStatus");
    expect(scheduled.params.text).toBe("from the future");
    const listed = await masto.v1.scheduledStatuses.list();
    onTheWire("GET", "/api/v1/scheduled_statuses", "ScheduledStatus", true);
    expect(listed.map((x) => x.id)).toEqual([scheduled.id]);
    await masto.v1.scheduledStatuses.$select(scheduled.id).remove();
    expect(await masto.v1.scheduledStatuses.list()).toEqual([]);
  });

  it("updates the profile with a multipart form: avatar, note and fields", async () => {
    const avatar = new Blob([new Uint8Array(await makePng(120, 120, "#cc8800"))], { type: "image/png" });
    const updated = await masto.v1.accounts.updateCredentials({
      displayName: "Alice A.",
      note: "I test clients",
      avatar,
      fieldsAttributes: [{ name: "Pronouns", value: "she/her" }, { name: "Site", value: "https://alice.example" }],
    });
    onTheWire("PATCH", "/api/v1/accounts/update_credentials", "CredentialAccount");
    expect(updated.displayName).toBe("Alice A.");
    expect(updated.source.note).toBe("I test clients");
    expect(updated.fields.map((f) => f.name)).toEqual(["Pronouns", "Site"]);
    expect(updated.avatar).not.toBe(alice.avatar);
    expect((await fetch(updated.avatar)).status).toBe(200);
    const looked = await carol.v1.accounts.lookup({ acct: "alice" });
    onTheWire("GET", "/api/v1/accounts/lookup", "Account");
    expect(looked).toMatchObject({ displayName: "Alice A.", fields: [{ name: "Pronouns", value: "she/her" }, expect.objectContaining({ name: "Site" })] });
  });

  it("pins a status and lists the pinned statuses of the account", async () => {
    const post = await masto.v1.statuses.create({ status: "pin me" });
    expect((await masto.v1.statuses.$select(post.id).pin()).pinned).toBe(true);
    const pinned = await carol.v1.accounts.$select(alice.id).statuses.list({ pinned: true });
    onTheWire("GET", `/api/v1/accounts/${alice.id}/statuses`, "Status", true);
    expect(pinned.map((s) => s.id)).toEqual([post.id]);
  });

  it("marks a status filtered by a warn filter, with the filter's result", async () => {
    const filter = await masto.v2.filters.create({ title: "spoilers", context: ["home"], filterAction: "warn", keywordsAttributes: [{ keyword: "finale" }] });
    const post = await carol.v1.statuses.create({ status: "the finale was wild" });
    const home = await masto.v1.timelines.home.list({ limit: 5 });
    onTheWire("GET", "/api/v1/timelines/home", "Status", true);
    const shown = home.find((s) => s.id === post.id);
    expect(shown?.filtered?.map((r) => [r.filter.id, r.keywordMatches])).toEqual([[filter.id, ["finale"]]]);
    await masto.v2.filters.$select(filter.id).remove();
  });

  it("receives a notification on the WebSocket user:notification stream", async () => {
    const sockets = settledSockets();
    const streaming = createStreamingAPIClient({ streamingApiUrl: a.url.origin.replace(/^https/, "wss"), accessToken: aliceToken, implementation: sockets.implementation, retry: false });
    const received: mastodon.streaming.Event[] = [];
    const reading = (async () => {
      for await (const event of streaming.user.notification.subscribe()) received.push(event);
    })().catch(() => undefined);
    try {
      await sockets.settleAfter((m) => m.type === "subscribe" && m.stream === "user:notification");
      const post = await masto.v1.statuses.create({ status: "notify me" });
      await carol.v1.statuses.$select(post.id).favourite();
      const event = await eventually(async () => received.find((e) => e.event === "notification"), { what: "the favourite on alice's notification stream" });
      if (event.event !== "notification") throw new Error("not a notification");
      expect(event.stream).toEqual(["user:notification"]);
      expect(event.payload).toMatchObject({ type: "favourite", account: { username: "carol" }, status: { id: post.id } });
      expectEntity(JSON.parse(sockets.received.find((m) => m.event === "notification")!.payload!), "Notification");
    } finally {
      streaming.close();
      await reading;
    }
  });

  it("signs out: the revoked token no longer works", async () => {
    await createOAuthAPIClient({ url: a.url.origin }).revoke({ ...credentials, token: aliceToken });
    await expect(masto.v1.accounts.verifyCredentials()).rejects.toMatchObject({ statusCode: 401 });
  });
});
