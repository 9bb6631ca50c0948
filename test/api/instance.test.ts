// The instance endpoints: Instance (v2) and V1Instance with the operator's
// settings and rules, the about pages, peers, weekly activity, custom emoji,
// and the operator CLI that sets them, all checked against openapi.json.
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { runInstanceCommand } from "../../src/cli/instance.ts";
import { startTestApp } from "../helpers/app.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";

const origin = "https://parley.test";
let app: Awaited<ReturnType<typeof startTestApp>>;
let adminId: string;

const get = (path: string, token: string | null = null) =>
  app.fetch(new Request(`${origin}${path}`, { headers: token ? { Authorization: `Bearer ${token}` } : {} }));
const json = async <T = any>(path: string, token: string | null = null): Promise<T> => {
  const response = await get(path, token);
  expect(response.status, path).toBe(200);
  return response.json() as Promise<T>;
};
const cli = async (...args: string[]) => {
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const error = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    return { code: await runInstanceCommand(app, args), out: log.mock.calls.map((c) => c.join(" ")).join("\n"), err: error.mock.calls.map((c) => c.join(" ")).join("\n") };
  } finally {
    log.mockRestore();
    error.mockRestore();
  }
};

beforeAll(async () => {
  app = await startTestApp(origin, { registrations: "approval" });
  const admin = await app.services.createLocalAccount({ username: "admin", email: "admin@parley.test", password: "long enough password", role: "owner" });
  if (!admin.ok) throw new Error(admin.message);
  adminId = admin.value.id;
});
afterAll(async () => {
  await app?.dispose();
});

describe("instance information", () => {
  it("describes itself as Instance (v2) with defaults, limits and a Mastodon-compatible version", async () => {
    const instance = await json("/api/v2/instance");
    expectEntity(instance, "Instance");
    expect(instance.version).toMatch(/^4\.3\.0 \(compatible; Parley \d+\.\d+\.\d+\)$/);
    expect(instance).toMatchObject({
      domain: "parley.test",
      title: "Parley",
      registrations: { enabled: true, approval_required: true },
      contact: { email: "admin@parley.test", account: { id: adminId, acct: "admin" } },
      api_versions: { mastodon: 2 },
    });
    expect(instance.configuration).toMatchObject({
      urls: { streaming: "wss://parley.test" },
      statuses: { max_characters: 500, max_media_attachments: 4, characters_reserved_per_url: 23 },
      polls: { max_options: 4, max_characters_per_option: 50, min_expiration: 300 },
      translation: { enabled: false },
    });
    expect(instance.configuration.media_attachments.supported_mime_types).toContain("image/jpeg");
    expect(typeof instance.configuration.vapid.public_key).toBe("string");
    expect(instance.configuration.vapid.public_key.length).toBeGreaterThan(40);
  });

  it("reflects the operator's settings and rules set through the CLI", async () => {
    expect((await cli("set", "title", "Parley", "Test", "Town")).code).toBe(0);
    expect((await cli("set", "description", "A small place")).code).toBe(0);
    expect((await cli("set", "contact_email", "hello@parley.test")).code).toBe(0);
    expect((await cli("set", "languages", "en,de")).code).toBe(0);
    expect((await cli("set", "extended_description", "Welcome!\n\nSee https://parley.test/about <3")).code).toBe(0);
    expect((await cli("rules", "add", "Be", "kind", "--hint", "Really.")).code).toBe(0);
    expect((await cli("rules", "add", "No spam")).code).toBe(0);
    const bad = await cli("set", "contact_email", "not-an-email");
    expect(bad.code).toBe(1);
    expect(bad.err).toContain("email");
    expect((await cli("set", "nonsense", "x")).code).toBe(1);

    const instance = await json("/api/v2/instance");
    expectEntity(instance, "Instance");
    expect(instance).toMatchObject({ title: "Parley Test Town", description: "A small place", languages: ["en", "de"], contact: { email: "hello@parley.test" } });
    expect(instance.rules.map((r: { text: string }) => r.text)).toEqual(["Be kind", "No spam"]);
    expect(instance.rules[0].hint).toBe("Really.");

    const rules = await json("/api/v1/instance/rules");
    expectEntities(rules, "Rule");
    const listed = await cli("rules", "list");
    expect(listed.out).toContain("No spam");
    expect((await cli("rules", "remove", rules[1].id)).code).toBe(0);
    expect((await json("/api/v1/instance/rules")).map((r: { text: string }) => r.text)).toEqual(["Be kind"]);
    expect((await cli("rules", "remove", "nope")).code).toBe(1);

    const extended = await json("/api/v1/instance/extended_description");
    expectEntity(extended, "ExtendedDescription");
    expect(extended.content).toBe('<p>Welcome!</p><p>See <a href="https://parley.test/about" target="_blank" rel="nofollow noopener noreferrer">https://parley.test/about</a> &lt;3</p>');

    const shown = await cli("show");
    expect(shown.out).toContain("title\tParley Test Town");
    expect((await cli("set", "title", "")).code).toBe(0);
    expect((await json("/api/v2/instance")).title).toBe("Parley");
  });

  it("serves the privacy policy, and the terms of service once published", async () => {
    expectEntity(await json("/api/v1/instance/privacy_policy"), "PrivacyPolicy");
    const missing = await get("/api/v1/instance/terms_of_service");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: "Record not found" });
    await app.services.setInstanceSetting({ key: "terms_of_service", value: "<h1>Terms</h1><p>Be nice.</p><script>alert(1)</script>" });
    const terms = await json("/api/v1/instance/terms_of_service");
    expectEntity(terms, "TermsOfService");
    expect(terms.content).toBe("<p><strong>Terms</strong></p><p>Be nice.</p>");
    expect(terms.effective).toBe(true);
  });

  it("describes itself as V1Instance with totals", async () => {
    const user = await app.services.createLocalAccount({ username: "someone", email: "someone@example.com", password: "long enough password" });
    if (!user.ok) throw new Error(user.message);
    const token = await issueToken(app, user.value.id);
    await app.services.postLocalStatus({ accountId: user.value.id, text: "hello", visibility: "public" }, async () => null);
    const v1 = await json("/api/v1/instance", token);
    expectEntity(v1, "V1Instance");
    expect(v1).toMatchObject({ uri: "parley.test", registrations: true, approval_required: true, invites_enabled: false, urls: { streaming_api: "wss://parley.test" } });
    expect(v1.stats).toMatchObject({ user_count: 2, status_count: 1, domain_count: 0 });
    expect((await json("/api/v2/instance")).usage.users.active_month).toBe(1);
  });

  it("lists peers, weekly activity, empty translations and hides domain blocks by default", async () => {
    const stored = await app.services.upsertRemoteAccount({
      uri: "https://far.example/users/zed", username: "zed", domain: "far.example", displayName: "", note: "", avatarUrl: null, headerUrl: null,
      fields: [], emojis: [], locked: false, bot: false, discoverable: true, actorType: "Person", url: null, inboxUrl: "https://far.example/users/zed/inbox",
      sharedInboxUrl: null, outboxUrl: null, followersUrl: null, followingUrl: null, featuredUrl: null, publicKeys: [], alsoKnownAs: [], movedToUri: null, published: null,
    });
    expect(stored.ok).toBe(true);
    expect(await json("/api/v1/instance/peers")).toEqual(["far.example"]);

    const activity = await json<{ week: string; statuses: string; logins: string; registrations: string }[]>("/api/v1/instance/activity");
    expect(activity).toHaveLength(12);
    const [thisWeek, lastWeek] = activity;
    expect(Number(thisWeek!.week) - Number(lastWeek!.week)).toBe(7 * 86400);
    expect(new Date(Number(thisWeek!.week) * 1000).getUTCDay()).toBe(1);
    expect(thisWeek).toMatchObject({ statuses: "1", logins: "1", registrations: "2" });
    expect(lastWeek).toMatchObject({ statuses: "0", logins: "0", registrations: "0" });

    expect(await json("/api/v1/instance/translation_languages")).toEqual({});
    // Hidden until the operator chooses to show it (test/api/admin-domain-blocks.test.ts shows it).
    expect((await get("/api/v1/instance/domain_blocks")).status).toBe(404);
  });

  it("lists the instance's custom emoji", async () => {
    expect(await json("/api/v1/custom_emojis")).toEqual([]);
    expect((await cli("emojis", "add", "blobcat", "https://cdn.parley.test/blobcat.png", "--category", "Blobs")).code).toBe(0);
    expect((await cli("emojis", "add", "x", "https://cdn.parley.test/x.png")).code).toBe(1);
    expect((await cli("emojis", "add", "blobcat", "https://cdn.parley.test/again.png")).code).toBe(1);
    const emojis = await json("/api/v1/custom_emojis");
    expectEntities(emojis, "CustomEmoji");
    expect(emojis).toEqual([{ shortcode: "blobcat", url: "https://cdn.parley.test/blobcat.png", static_url: "https://cdn.parley.test/blobcat.png", visible_in_picker: true, category: "Blobs" }]);
    expect((await cli("emojis", "remove", ":blobcat:")).code).toBe(0);
    expect(await json("/api/v1/custom_emojis")).toEqual([]);
  });

  it("answers public requests, 401 for a bad token, and 404 for unknown paths", async () => {
    expect((await get("/api/v2/instance", "bogus")).status).toBe(401);
    expect((await get("/api/v1/instance/nothing")).status).toBe(404);
    // A token of any scope may read the instance (Mastodon does not check scopes there).
    const other = await app.services.createLocalAccount({ username: "scoped", email: "scoped@example.com", password: "long enough password" });
    if (!other.ok) throw new Error(other.message);
    expect((await get("/api/v1/instance", await issueToken(app, other.value.id, "write:statuses"))).status).toBe(200);
  });
});
