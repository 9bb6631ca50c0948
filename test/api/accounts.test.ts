// Accounts API: credentials and their update (bio rendering, fields, posting
// defaults, avatar and header uploads), one account, lookup, search, several accounts by id, the
// directory, preferences and profile images; with 401/403/404 for each.
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePng, multipart } from "../helpers/media.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type AccountsTest, ORIGIN, startAccountsTest, type User } from "./accounts-helpers.ts";

let t: AccountsTest;
let alice: User, bob: User, carol: User;

beforeAll(async () => {
  t = await startAccountsTest();
  alice = await t.user("alice");
  bob = await t.user("bob");
  carol = await t.user("carol");
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("credentials", () => {
  it("updates the profile from form fields: bio to HTML, indexed fields, flags, posting defaults", async () => {
    const form = new URLSearchParams({
      display_name: "Alice A.",
      note: "Hello @bob, see https://example.com/x #Parley\n\nSecond paragraph",
      locked: "true",
      bot: "0",
      "fields_attributes[0][name]": "Site",
      "fields_attributes[0][value]": "https://alice.example",
      "fields_attributes[1][name]": "",
      "fields_attributes[1][value]": "",
      "fields_attributes[2][name]": "Pronouns",
      "fields_attributes[2][value]": "she/her",
      "source[privacy]": "unlisted",
      "source[sensitive]": "true",
      "source[language]": "de",
    });
    const res = await t.call("/api/v1/accounts/update_credentials", alice.token, {
      method: "PATCH",
      body: form,
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(200);
    const me = await res.json() as any;
    expectEntity(me, "CredentialAccount");
    expect(me.display_name).toBe("Alice A.");
    expect(me.locked).toBe(true);
    expect(me.note).toContain(`<a href="${t.app.config.publicUrl.origin}/@bob" class="u-url mention">@<span>bob</span></a>`);
    expect(me.note).toContain('<a href="https://example.com/x"');
    expect(me.note).toContain('class="mention hashtag" rel="tag">#<span>Parley</span></a>');
    expect(me.note).toMatch(/^<p>.*<\/p><p>Second paragraph<\/p>$/);
    expect(me.fields.map((f: any) => f.name)).toEqual(["Site", "Pronouns"]);
    expect(me.fields[0].value).toBe('<a href="https://alice.example" target="_blank" rel="nofollow noopener noreferrer">https://alice.example</a>');
    expect(me.source).toMatchObject({
      privacy: "unlisted",
      sensitive: true,
      language: "de",
      note: "Hello @bob, see https://example.com/x #Parley\n\nSecond paragraph",
      fields: [{ name: "Site", value: "https://alice.example" }, { name: "Pronouns", value: "she/her" }],
    });
    const prefs = await t.get("/api/v1/preferences", alice.token);
    expectEntity(prefs, "Preferences");
    expect(prefs).toMatchObject({ "posting:default:visibility": "unlisted", "posting:default:sensitive": true, "posting:default:language": "de" });

    // Unlocking approves pending requests, as Mastodon does.
    expect((await t.call(`/api/v1/accounts/${alice.id}/follow`, carol.token, { method: "POST" })).status).toBe(200);
    expect((await t.get(`/api/v1/accounts/relationships?id[]=${alice.id}`, carol.token))[0].requested).toBe(true);
    const unlocked = await t.send("PATCH", "/api/v1/accounts/update_credentials", alice.token, { locked: false, fields_attributes: [] });
    expect(await unlocked.json()).toMatchObject({ locked: false, fields: [] });
    expect((await t.get(`/api/v1/accounts/relationships?id[]=${alice.id}`, carol.token))[0]).toMatchObject({ following: true, requested: false });
    const verified = await t.get("/api/v1/accounts/verify_credentials", alice.token);
    expectEntity(verified, "CredentialAccount");
    expect(verified.source.privacy).toBe("unlisted");
  });

  it("refuses bad values with 422 and wrong callers with 401/403", async () => {
    const tooLong = await t.send("PATCH", "/api/v1/accounts/update_credentials", bob.token, { display_name: "x".repeat(31) });
    expect(tooLong.status).toBe(422);
    expectEntity(await tooLong.json(), "Error");
    expect((await t.send("PATCH", "/api/v1/accounts/update_credentials", bob.token, { source: { privacy: "direct" } })).status).toBe(422);
    expect((await t.send("PATCH", "/api/v1/accounts/update_credentials", bob.token, { note: "n".repeat(501) })).status).toBe(422);
    const fields = Array.from({ length: 5 }, (_, i) => ({ name: `f${i}`, value: "v" }));
    expect((await t.send("PATCH", "/api/v1/accounts/update_credentials", bob.token, { fields_attributes: fields })).status).toBe(422);
    expect((await t.send("PATCH", "/api/v1/accounts/update_credentials", null, { note: "x" })).status).toBe(401);
    const readOnly = await t.token(bob, "read");
    expect((await t.send("PATCH", "/api/v1/accounts/update_credentials", readOnly, { note: "x" })).status).toBe(403);
    expect((await t.call("/api/v1/preferences", null)).status).toBe(401);
    expect((await t.call("/api/v1/preferences", await t.token(bob, "write"))).status).toBe(403);
  });

  it("takes avatar and header uploads as multipart files, cropped by the media service", async () => {
    const form = multipart({ avatar: await makePng(900, 600), header: await makePng(1000, 1000), display_name: "Carol" });
    const res = await t.call("/api/v1/accounts/update_credentials", carol.token, { method: "PATCH", body: form });
    expect(res.status).toBe(200);
    const me = await res.json() as any;
    expectEntity(me, "CredentialAccount");
    expect(me.display_name).toBe("Carol");
    for (const [url, width, height] of [[me.avatar, 400, 400], [me.header, 1500, 500]]) {
      expect(url).toMatch(new RegExp(`^${ORIGIN}/media/`));
      const image = await t.app.fetch(new Request(url));
      expect(await sharp(Buffer.from(await image.arrayBuffer())).metadata()).toMatchObject({ width, height });
    }
    const broken = await t.call("/api/v1/accounts/update_credentials", carol.token, { method: "PATCH", body: multipart({ avatar: Buffer.from("not an image") }) });
    expect(broken.status).toBe(422);
    expectEntity(await broken.json(), "Error");
    expect((await t.get("/api/v1/accounts/verify_credentials", carol.token)).avatar).toBe(me.avatar);
  });

  it("reads and edits the raw profile at /api/v1/profile", async () => {
    const dora = await t.user("dora");
    const fresh = await t.get("/api/v1/profile", dora.token);
    expectEntity(fresh, "Profile");
    expect(fresh).toMatchObject({ id: dora.id, avatar: null, header: null, note: "" });
    const res = await t.send("PATCH", "/api/v1/profile", dora.token, { note: "Loves #maps", fields_attributes: [{ name: "Web", value: "https://dora.example" }] });
    const edited = await res.json() as any;
    expectEntity(edited, "Profile");
    expect(edited).toMatchObject({ note: "Loves #maps", fields: [{ name: "Web", value: "https://dora.example" }] });
    expect((await t.get(`/api/v1/accounts/${dora.id}`, null)).note).toContain('rel="tag">#<span>maps</span></a>');
    expect((await t.call("/api/v1/profile", null)).status).toBe(401);
    expect((await t.send("PATCH", "/api/v1/profile", await t.token(dora, "read"), { note: "x" })).status).toBe(403);
  });

  it("removes the avatar and header", async () => {
    await t.app.services.updateProfile(bob.id, { avatarUrl: "https://cdn.example/a.png", headerUrl: "https://cdn.example/h.png" });
    const res = await t.call("/api/v1/profile/avatar", bob.token, { method: "DELETE" });
    const me = await res.json() as any;
    expectEntity(me, "CredentialAccount");
    expect(me.avatar).toBe(`${t.app.config.publicUrl.origin}/avatars/original/missing.png`);
    expect(me.header).toBe("https://cdn.example/h.png");
    expect((await (await t.call("/api/v1/profile/header", bob.token, { method: "DELETE" })).json() as any).header).toContain("missing.png");
    expect((await t.call("/api/v1/profile/header", await t.token(bob, "read"), { method: "DELETE" })).status).toBe(403);
  });
});

describe("finding accounts", () => {
  it("shows one account, several by id, and 404s unknown or deleted ones", async () => {
    const one = await t.call(`/api/v1/accounts/${bob.id}`, null);
    expect(one.status).toBe(200);
    expectEntity(await one.json(), "Account");
    const several = await t.get(`/api/v1/accounts?id[]=${carol.id}&id[]=${bob.id}&id[]=123`, alice.token);
    expectEntities(several, "Account");
    expect(several.map((a: any) => a.id)).toEqual([carol.id, bob.id]);
    expect((await t.call("/api/v1/accounts/123", null)).status).toBe(404);
    expect((await t.call("/api/v1/accounts/nope", null)).status).toBe(404);
    expect((await t.call(`/api/v1/accounts/${bob.id}`, await t.token(bob, "write"))).status).toBe(403);
    const gone = await t.user("gone");
    await t.app.services.deleteAccount({ accountId: gone.id, origin: "local" });
    for (const path of ["", "/statuses", "/followers", "/following", "/featured_tags"]) {
      expect((await t.call(`/api/v1/accounts/${gone.id}${path}`, alice.token)).status).toBe(404);
    }
    expect((await t.call(`/api/v1/accounts/lookup?acct=gone`, null)).status).toBe(404);
  });

  it("looks up local and known remote handles", async () => {
    const remote = await t.remote("dave", "remote.example");
    const local = await t.call("/api/v1/accounts/lookup?acct=@Bob", null);
    expectEntity(await local.json().then((a: any) => {
      expect(a.id).toBe(bob.id);
      return a;
    }), "Account");
    expect((await t.get(`/api/v1/accounts/lookup?acct=bob@parley.test`, null)).id).toBe(bob.id);
    const known = await t.get("/api/v1/accounts/lookup?acct=dave@remote.example", alice.token);
    expect(known).toMatchObject({ id: remote.id, acct: "dave@remote.example" });
    // An unknown remote handle is looked up over WebFinger; this host does not exist.
    expect((await t.call("/api/v1/accounts/lookup?acct=nobody@unknown.invalid", null)).status).toBe(404);
    expect((await t.call("/api/v1/accounts/lookup?acct=nobody", null)).status).toBe(404);
  });

  it("searches by name prefix, exact handle, and among follows; needs a token", async () => {
    await t.remote("bobby", "far.example");
    const all = await t.get("/api/v1/accounts/search?q=bob", alice.token);
    expectEntities(all, "Account");
    expect(all.map((a: any) => a.acct)).toEqual(["bob", "bobby@far.example"]);
    expect((await t.get("/api/v1/accounts/search?q=@bobby@far.example", alice.token)).map((a: any) => a.username)).toEqual(["bobby"]);
    expect((await t.get("/api/v1/accounts/search?q=Alice%20A", bob.token)).map((a: any) => a.id)).toEqual([alice.id]);
    expect(await t.get("/api/v1/accounts/search?q=bob&following=true", carol.token)).toEqual([]);
    expect((await t.get("/api/v1/accounts/search?q=bob&limit=1&offset=1", alice.token)).map((a: any) => a.username)).toEqual(["bobby"]);
    expect((await t.get("/api/v1/accounts/search?q=%25", alice.token))).toEqual([]);
    expect((await t.call("/api/v1/accounts/search?q=bob", null)).status).toBe(401);
    expect((await t.call("/api/v1/accounts/search?q=bob", await t.token(alice, "write"))).status).toBe(403);
    expect((await t.call("/api/v1/accounts/search", alice.token)).status).toBe(422);
  });

  it("lists the directory of discoverable accounts, local or all, active or new", async () => {
    const hidden = await t.user("hidden");
    await t.send("PATCH", "/api/v1/accounts/update_credentials", hidden.token, { discoverable: false });
    await t.post(carol, "I am active");
    const active = await t.get("/api/v1/directory?local=true", null);
    expectEntities(active, "Account");
    expect(active[0].id).toBe(carol.id);
    expect(active.map((a: any) => a.id)).not.toContain(hidden.id);
    expect(active.every((a: any) => !a.acct.includes("@"))).toBe(true);
    const everyone = await t.get("/api/v1/directory?order=new&limit=2", null);
    expect(everyone).toHaveLength(2);
    expect(BigInt(everyone[0].id) > BigInt(everyone[1].id)).toBe(true);
    expect((await t.get("/api/v1/directory?offset=1&limit=80", null)).length).toBeGreaterThan(0);
    expect((await t.call("/api/v1/directory", await t.token(alice, "write"))).status).toBe(403);
  });
});
