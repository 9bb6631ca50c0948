// Preview cards: a status's first link (not a mention or hashtag) is fetched
// after the write, over real HTTP from a loopback site (private addresses are
// allowed by this test's config only), stored, shown as the status's `card`
// and streamed as a status.update; local and remote statuses alike.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { htmlPageFetcher } from "../../federation/fetch/html-page.ts";
import { startLinkSite, type LinkSite } from "../helpers/link-site.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { openSocket, payloadOf, serveOnLoopback } from "../helpers/streaming.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

interface Card { url: string; title: string; description: string; type: string; image: string | null; width: number; height: number; author_name: string; provider_name: string; language: string | null; published_at: string | null; embed_url: string }
interface Status { id: string; card: Card | null }

let t: ApiTest;
let site: LinkSite;
let alice: TestUser;

const status = async (id: string, token: string | null = alice.token) => t.json<Status>(t.call(`/api/v1/statuses/${id}`, token));
const fetchesOf = (statusId: string) => t.app.database.db.selectFrom("preview_card_fetches").selectAll().where("status_id", "=", statusId).execute();

beforeAll(async () => {
  t = await startApiTest({ allowPrivateAddress: true });
  site = await startLinkSite();
  alice = await t.user("alice");
});
afterAll(async () => {
  await t?.app.dispose();
  await site?.close();
});

describe("preview cards", () => {
  it("fetches a local status's first link after the write and serializes the card", async () => {
    const url = `${site.origin}/article/one`;
    const posted = await t.json<Status>(t.send("POST", "/api/v1/statuses", alice.token, { status: `Read this: ${url} and ${site.origin}/article/two` }));
    // Never inside the request: the card comes later.
    expect(posted.card).toBeNull();
    expect(site.requests).toEqual([]);
    expect(await fetchesOf(posted.id)).toMatchObject([{ url }]);

    await t.app.cards.drain();
    const shown = await status(posted.id);
    expectEntity(shown, "Status");
    expectEntity(shown.card, "PreviewCard");
    expect(shown.card).toMatchObject({
      url,
      title: "Article one",
      description: "What the article is about",
      type: "link",
      author_name: "Ada Lovelace",
      provider_name: "Example News",
      image: `${site.origin}/images/card.png`,
      width: 1200,
      height: 630,
      language: "en",
      published_at: "2026-11-20T10:00:00.000Z",
    });
    expect(site.requests).toHaveLength(1);
    expect(site.requests[0]).toMatchObject({ path: "/article/one", accept: "text/html" });
    expect(site.requests[0]!.userAgent).toMatch(/Parley/);
    expect(await fetchesOf(posted.id)).toEqual([]);
  });

  it("reuses a fresh card for another status sharing the link", async () => {
    const before = site.requests.length;
    const posted = await t.post(alice, `Again ${site.origin}/article/one`);
    await t.app.cards.drain();
    expect((await status(posted.id)).card?.title).toBe("Article one");
    expect(site.requests.length).toBe(before);
  });

  it("follows a redirect, makes video cards, and makes none for untitled pages, images or mentions and hashtags", async () => {
    await t.user("bob");
    const redirected = await t.post(alice, `${site.origin}/redirect/three`);
    const video = await t.post(alice, `${site.origin}/video`);
    const untitled = await t.post(alice, `${site.origin}/untitled`);
    const image = await t.post(alice, `${site.origin}/image.png`);
    const tagged = await t.post(alice, `Hi @bob #spring ${t.app.config.publicUrl.origin}/@alice`);
    expect(await fetchesOf(tagged.id)).toEqual([]);
    // A link too long for Mastodon's card index is passed over for the next one.
    const remote = await t.remoteAccount("erin");
    const long = await t.remoteStatus(remote, `<a href="${site.origin}/article/${"x".repeat(2700)}">long</a> <a href="${site.origin}/article/ten">short</a>`);
    expect(await fetchesOf(long.id)).toMatchObject([{ url: `${site.origin}/article/ten` }]);
    await t.app.cards.drain();
    const card = (await status(redirected.id)).card;
    expect(card).toMatchObject({ url: `${site.origin}/redirect/three`, title: "Article three" });
    expect((await status(video.id)).card).toMatchObject({ type: "video", embed_url: `${site.origin}/embed/1`, width: 640, height: 360 });
    expectEntity((await status(video.id)).card, "PreviewCard");
    for (const s of [untitled, image, tagged]) expect((await status(s.id)).card).toBeNull();
    for (const s of [untitled, image]) expect(await fetchesOf(s.id)).toEqual([]);
  });

  it("replaces the card when an edit changes the link, and drops it when the link goes", async () => {
    const posted = await t.post(alice, `First ${site.origin}/article/four`);
    await t.app.cards.drain();
    expect((await status(posted.id)).card?.title).toBe("Article four");
    const edit = (text: string) => t.send("PUT", `/api/v1/statuses/${posted.id}`, alice.token, { status: text });
    expect((await edit(`Same link, other words ${site.origin}/article/four`)).status).toBe(200);
    expect(await fetchesOf(posted.id)).toEqual([]);
    expect((await status(posted.id)).card?.title).toBe("Article four");
    expect((await edit(`Now ${site.origin}/article/five`)).status).toBe(200);
    expect((await status(posted.id)).card).toBeNull();
    await t.app.cards.drain();
    expect((await status(posted.id)).card?.title).toBe("Article five");
    expect((await edit("No link at all")).status).toBe(200);
    expect((await status(posted.id)).card).toBeNull();
  });

  it("fetches the card of a remote status through the same path", async () => {
    const remote = await t.remoteAccount("carol");
    const created = await t.remoteStatus(remote, `<a href="${site.origin}/article/six">article</a>`);
    await t.app.cards.drain();
    const shown = await status(created.id);
    expectEntity(shown, "Status");
    expect(shown.card?.title).toBe("Article six");
  });

  it("streams a status.update carrying the card when it arrives", async () => {
    const server = await serveOnLoopback(t.app);
    const socket = await openSocket(`ws://127.0.0.1:${server.port}/api/v1/streaming?access_token=${alice.token}&stream=user`);
    try {
      await socket.settle();
      const posted = await t.post(alice, `Streamed ${site.origin}/article/seven`);
      await socket.waitFor((e) => e.event === "update" && payloadOf<Status>(e).id === posted.id, "the new status");
      await t.app.cards.drain();
      const update = await socket.waitFor((e) => e.event === "status.update" && payloadOf<Status>(e).id === posted.id, "the card");
      expectEntity(payloadOf(update), "Status");
      expect(payloadOf<Status>(update).card?.title).toBe("Article seven");
    } finally {
      socket.close();
      await server.close();
    }
  });

  it("refuses a redirect to a private address when only the site's own address is allowed", async () => {
    const fetchPage = htmlPageFetcher({ allowPrivateAddress: false, allowedAddresses: ["127.0.0.1"], userAgent: "Parley test" });
    expect(await fetchPage(`${site.origin}/article/nine`)).toMatchObject({ kind: "page", url: `${site.origin}/article/nine` });
    const before = site.requests.length;
    expect(await fetchPage(`${site.origin}/to-metadata`)).toMatchObject({ kind: "none", reason: expect.stringMatching(/^refused/) });
    expect(site.requests.slice(before).map((r) => r.path)).toEqual(["/to-metadata"]);
  });

  it("hides the card of a status the viewer may not see with the status (404)", async () => {
    const stranger = await t.user("dave");
    const hidden = await t.post(alice, `Followers only ${site.origin}/article/eight`, { visibility: "private" });
    await t.app.cards.drain();
    expect((await status(hidden.id)).card?.title).toBe("Article eight");
    expect((await t.call(`/api/v1/statuses/${hidden.id}`, stranger.token)).status).toBe(404);
    expect((await t.call(`/api/v1/statuses/${hidden.id}`, null)).status).toBe(404);
  });
});
