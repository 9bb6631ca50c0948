// Links shared in recent public statuses: GET /api/v1/trends/links ranks them
// by distinct accounts and shows their preview cards; GET /api/v1/timelines/link
// lists the public statuses sharing a trending link (Mastodon 4.3).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLinkSite, type LinkSite } from "../helpers/link-site.ts";
import { expectEntities } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let site: LinkSite;
let alice: TestUser, bob: TestUser, carol: TestUser, hermit: TestUser;
let article: string;
const posted: Record<string, string> = {};

const linkTimeline = (url: string, extra = "") => `/api/v1/timelines/link?url=${encodeURIComponent(url)}${extra}`;

beforeAll(async () => {
  t = await startApiTest({ allowPrivateAddress: true });
  site = await startLinkSite();
  article = `${site.origin}/article/trending`;
  alice = await t.user("alice");
  bob = await t.user("bob");
  carol = await t.user("carol");
  hermit = await t.user("hermit");
  await t.app.database.db.updateTable("accounts").set({ discoverable: 0 }).where("id", "=", hermit.id).execute();
  posted.alice = (await t.post(alice, `Look ${article}`)).id;
  posted.bob = (await t.post(bob, `Also ${article}`)).id;
  posted.aliceAgain = (await t.post(alice, `Once more ${article}`)).id;
  posted.carolPrivate = (await t.post(carol, `Quietly ${article}`, { visibility: "private" })).id;
  posted.hermit = (await t.post(hermit, `Not discoverable ${article}`)).id;
  posted.other = (await t.post(carol, `Something else ${site.origin}/article/other`)).id;
  posted.uncarded = (await t.post(carol, `No card here ${site.origin}/untitled`)).id;
  await t.app.cards.drain();
});
afterAll(async () => {
  await t?.app.dispose();
  await site?.close();
});

describe("trending links", () => {
  it("ranks links by distinct accounts and shows each with its card or its address", async () => {
    const response = await t.call("/api/v1/trends/links", null);
    expect(response.status).toBe(200);
    const links = await response.json() as { url: string; title: string; provider_name: string; history: { uses: string; accounts: string }[] }[];
    expectEntities(links, "TrendsLink");
    expect(links[0]).toMatchObject({ url: article, title: "Article trending", provider_name: "Example News" });
    // alice twice, bob and the hermit (public statuses count, whoever posts them).
    expect(links[0]!.history[0]).toMatchObject({ uses: "4", accounts: "3" });
    const untitled = links.find((l) => l.url === `${site.origin}/untitled`);
    expect(untitled).toMatchObject({ title: `127.0.0.1:${new URL(site.origin).port}/untitled` });
  });
});

describe("GET /api/v1/timelines/link", () => {
  it("lists the public statuses of discoverable accounts sharing the link, newest first, with paging links", async () => {
    const response = await t.call(linkTimeline(article), null);
    expect(response.status).toBe(200);
    const statuses = await response.json() as { id: string; card: { url: string } | null }[];
    expectEntities(statuses, "Status");
    expect(statuses.map((s) => s.id)).toEqual([posted.aliceAgain, posted.bob, posted.alice]);
    expect(statuses.every((s) => s.card?.url === article)).toBe(true);

    const first = await t.call(linkTimeline(article, "&limit=2"), alice.token);
    expect((await first.json() as { id: string }[]).map((s) => s.id)).toEqual([posted.aliceAgain, posted.bob]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("Link") ?? "")?.[1];
    expect(next).toContain(`url=${encodeURIComponent(article)}`);
    const rest = await t.call(next!.slice(t.app.config.publicUrl.origin.length), alice.token);
    expect((await rest.json() as { id: string }[]).map((s) => s.id)).toEqual([posted.alice]);
  });

  it("is a 404 for a link that is not trending or has no card, and without a url", async () => {
    for (const url of [`${site.origin}/article/never-shared`, `${site.origin}/untitled`, "not a url"]) {
      const response = await t.call(linkTimeline(url), alice.token);
      expect(response.status, url).toBe(404);
      expect(await response.json()).toEqual({ error: "Record not found" });
    }
    expect((await t.call("/api/v1/timelines/link", alice.token)).status).toBe(404);
  });

  it("answers a bad token with 401 and a token without read:statuses with 403", async () => {
    expect((await t.call(linkTimeline(article), "bogus")).status).toBe(401);
    expect((await t.call(linkTimeline(article), await issueToken(t.app, alice.id, "write"))).status).toBe(403);
    expect((await t.call(linkTimeline(article), await issueToken(t.app, alice.id, "read:statuses"))).status).toBe(200);
  });
});
