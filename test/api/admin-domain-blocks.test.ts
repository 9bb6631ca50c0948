// Instance-level domain blocks and domain allows through Mastodon's admin API
// (Admin::DomainBlock, Admin::DomainAllow), their effects on what Parley holds
// (suspend purges, silence limits, reject_media drops media), the public list
// at /api/v1/instance/domain_blocks, allowlist mode, CSV import and export,
// and who may do what (401, 403 scope, 403 role). Every change is audited.
import { Create } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { objectOf } from "../../federation/inbox/object-of.ts";
import { domainPolicy } from "../../src/services/moderation/federation-policy.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { domainDigest } from "../../src/domain/domain-blocks.ts";
import type { RemoteStatusInput } from "../../src/domain/inputs.ts";
import { storeRemoteStatus } from "../../federation/resolve/resolve-status.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let admin: TestUser, mod: TestUser, carol: TestUser;
type Block = { id: string; domain: string; severity: string; digest: string; reject_media: boolean; obfuscate: boolean; public_comment: string | null };

const db = () => t.app.database.db;
const audit = async (action: string) => (await db().selectFrom("audit_log").selectAll().where("action", "=", action).orderBy("id").execute());

beforeAll(async () => {
  t = await startApiTest();
  [admin, mod, carol] = [await t.user("ada", "read write admin:read admin:write"), await t.user("mo", "read admin:read admin:write"), await t.user("carol", "read write")];
  expect((await t.app.services.changeRole(CLI_MODERATOR, "ada", "admin")).ok).toBe(true);
  expect((await t.app.services.changeRole(CLI_MODERATOR, "mo", "moderator")).ok).toBe(true);
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("admin domain blocks", () => {
  it("suspend a domain and its subdomains: accounts, statuses and follows both ways are purged, audited", async () => {
    const evil = await t.remoteAccount("troll", "evil.example");
    const sub = await t.remoteAccount("imp", "cave.evil.example");
    const fine = await t.remoteAccount("friend", "notevil.example");
    await t.remoteStatus(evil, "hateful");
    await t.follow(carol, evil);
    expect((await t.app.services.followAccount({ followerId: sub.id, targetId: carol.id, origin: "remote" })).ok).toBe(true);

    const created = await t.send("POST", "/api/v1/admin/domain_blocks", admin.token, {
      domain: "Evil.Example", severity: "suspend", public_comment: "harassment", private_comment: "see report 12", obfuscate: true,
    });
    expect(created.status).toBe(200);
    const block = (await created.json()) as Block;
    expectEntity(block, "AdminDomainBlock");
    expect(block).toMatchObject({ domain: "evil.example", severity: "suspend", obfuscate: true, digest: domainDigest("evil.example") });

    const left = await db().selectFrom("accounts").select("id").where("id", "in", [evil.id, sub.id, fine.id]).execute();
    expect(left.map((a) => a.id)).toEqual([fine.id]);
    expect(await db().selectFrom("statuses").select("id").where("account_id", "=", evil.id).execute()).toEqual([]);
    expect(await db().selectFrom("follows").select("account_id").where((eb) => eb.or([eb("account_id", "=", carol.id), eb("target_account_id", "=", carol.id)])).execute()).toEqual([]);
    expect((await domainPolicy(db(), "deep.cave.evil.example:8443")).refused).toBe(true);
    expect((await domainPolicy(db(), "notevil.example")).refused).toBe(false);

    const [entry] = await audit("domain_block.create");
    expect(entry).toMatchObject({ actor_name: "ada", target_type: "domain_block", target_id: block.id });
  });

  it("make the inbox refuse the domain with 403 before any work, by the signature's key id or the activity's actor", async () => {
    const post = (keyId: string, actor: string) =>
      t.app.fetch(new Request("https://parley.test/inbox", {
        method: "POST",
        headers: { "Content-Type": "application/activity+json", Signature: `keyId="${keyId}",headers="(request-target) host date",signature="AAAA"` },
        body: JSON.stringify({ type: "Create", id: `${actor}#1`, actor }),
      }));
    const byKey = await post("https://evil.example/users/troll#main-key", "https://elsewhere.example/users/x");
    expect([byKey.status, await byKey.json()]).toEqual([403, { error: "Domain not allowed" }]);
    expect((await post("https://elsewhere.example/users/x#main-key", "https://cave.evil.example/users/imp")).status).toBe(403);
    // Not refused here: Fedify looks at the (bogus) signature and refuses it itself (400).
    expect((await post("https://elsewhere.example/users/x#main-key", "https://elsewhere.example/users/x")).status).toBe(400);
  });

  it("make the inbox fetch nothing from the domain, even for an allowed server's activity naming its object", async () => {
    const ctx = t.app.federation.createContext(new URL("https://parley.test"), t.app.contextData);
    const fetched = vi.spyOn(globalThis, "fetch");
    try {
      const about = (object: string) => new Create({ id: new URL("https://fine.example/users/f#create"), actor: new URL("https://fine.example/users/f"), object: new URL(object) });
      const hosts = () => fetched.mock.calls.map(([input]) => new URL(input instanceof Request ? input.url : String(input)).host);
      expect(await objectOf(ctx, about("https://cave.evil.example/notes/1"))).toBeNull();
      expect(hosts()).toEqual([]);
      // The same activity about an object elsewhere is fetched (and fails here: no such host).
      expect(await objectOf(ctx, about("https://fine.example/notes/1"))).toBeNull();
      expect(hosts()).toContain("fine.example");
    } finally {
      fetched.mockRestore();
    }
  });

  it("refuse a second block of the same domain with 422 naming the existing one, and this server", async () => {
    const again = await t.send("POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "evil.example", severity: "silence" });
    expect(again.status).toBe(422);
    expect(((await again.json()) as { existing_domain_block: Block }).existing_domain_block.domain).toBe("evil.example");
    expect((await t.send("POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "parley.test" })).status).toBe(422);
    expect((await t.send("POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "x.example", severity: "ban" })).status).toBe(422);
  });

  it("silence (the default severity) limits the domain's accounts, reject_media drops media, lifting undoes the silence", async () => {
    const loud = await t.remoteAccount("shouty", "loud.example");
    await db().updateTable("accounts").set({ avatar_url: "https://loud.example/a.png" }).where("id", "=", loud.id).execute();
    const created = await t.json<Block>(t.send("POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "loud.example" }));
    expect(created.severity).toBe("silence");
    const silenced = await db().selectFrom("accounts").select(["silenced_at", "avatar_url"]).where("id", "=", loud.id).executeTakeFirstOrThrow();
    expect(silenced.silenced_at).not.toBeNull();
    expect(silenced.avatar_url).toBe("https://loud.example/a.png");

    const updated = await t.send("PUT", `/api/v1/admin/domain_blocks/${created.id}`, admin.token, { reject_media: true, public_comment: "spam" });
    expect(updated.status).toBe(200);
    expectEntity(await updated.json(), "AdminDomainBlock");
    expect((await db().selectFrom("accounts").select("avatar_url").where("id", "=", loud.id).executeTakeFirstOrThrow()).avatar_url).toBeNull();
    expect((await domainPolicy(db(), "loud.example")).rejectMedia).toBe(true);

    const shown = await t.json<Block>(t.call(`/api/v1/admin/domain_blocks/${created.id}`, admin.token));
    expect(shown).toMatchObject({ reject_media: true, public_comment: "spam" });
    const list = await t.json<Block[]>(t.call("/api/v1/admin/domain_blocks", admin.token));
    expectEntities(list, "AdminDomainBlock");
    expect(list.map((b) => b.domain)).toEqual(["loud.example", "evil.example"]);

    expect(await t.json(t.send("DELETE", `/api/v1/admin/domain_blocks/${created.id}`, admin.token))).toEqual({});
    expect((await db().selectFrom("accounts").select("silenced_at").where("id", "=", loud.id).executeTakeFirstOrThrow()).silenced_at).toBeNull();
    expect((await t.call(`/api/v1/admin/domain_blocks/${created.id}`, admin.token)).status).toBe(404);
    expect((await audit("domain_block.update")).length).toBe(1);
    expect((await audit("domain_block.remove")).length).toBe(1);
  });

  it("answer 401 without a token, 403 without the scope, 403 to a moderator (no manage_federation) and 404 for unknown ids", async () => {
    for (const [method, path] of [["GET", "/api/v1/admin/domain_blocks"], ["POST", "/api/v1/admin/domain_blocks"], ["GET", "/api/v1/admin/domain_allows"], ["POST", "/api/v1/admin/domain_allows"], ["GET", "/api/v1/admin/blocklist_subscriptions"]] as const) {
      const ask = (token: string | null) => (method === "GET" ? t.call(path, token) : t.send(method, path, token, { domain: "a.example" }));
      expect((await ask(null)).status, `${method} ${path}`).toBe(401);
      expect((await ask(carol.token)).status, `${method} ${path}`).toBe(403);
      const refused = await ask(mod.token);
      expect([refused.status, await refused.json()], `${method} ${path}`).toEqual([403, { error: "This action is not allowed" }]);
    }
    const granular = await t.user("gran", "admin:read:domain_blocks");
    expect((await t.app.services.changeRole(CLI_MODERATOR, "gran", "admin")).ok).toBe(true);
    expect((await t.call("/api/v1/admin/domain_blocks", granular.token)).status).toBe(200);
    expect((await t.send("POST", "/api/v1/admin/domain_blocks", granular.token, { domain: "b.example" })).status).toBe(403);
    expect((await t.call("/api/v1/admin/domain_blocks/123", admin.token)).status).toBe(404);
    expect((await t.send("DELETE", "/api/v1/admin/domain_allows/123", admin.token)).status).toBe(404);
  });
});

describe("rejected media", () => {
  it("is not even referenced when a post of such a domain is stored; other domains keep theirs", async () => {
    await t.send("POST", "/api/v1/admin/domain_blocks", admin.token, { domain: "pics.example", severity: "noop", reject_media: true });
    const ctx = t.app.federation.createContext(new URL("https://parley.test"), t.app.contextData);
    const store = async (domain: string) => {
      const author = await t.remoteAccount("painter", domain);
      const uri = `https://${domain}/statuses/1`;
      const input: RemoteStatusInput = {
        uri, url: null, authorUri: author.uri, objectType: "Note", content: "<p>look</p>", name: null, spoilerText: "", sensitive: false,
        visibility: "public", language: null, inReplyToUri: null, mentionUris: [], tags: [], quoteUri: null, published: Date.now(), updated: null, poll: null,
        emojis: [{ shortcode: "blob", url: `https://${domain}/blob.png` }],
        attachments: [{ type: "image", url: `https://${domain}/a.png`, mediaType: "image/png", description: null, blurhash: null, width: null, height: null, focus: null }],
      };
      const status = await storeRemoteStatus(ctx, input, author);
      return db().selectFrom("media_attachments").select("remote_url").where("status_id", "=", status!.id).execute();
    };
    expect(await store("pics.example")).toEqual([]);
    expect(await store("art.example")).toEqual([{ remote_url: "https://art.example/a.png" }]);
  });
});

describe("the public list of domain blocks", () => {
  it("is hidden unless the operator shows it, obfuscated where asked, with digests and comments as chosen", async () => {
    expect((await t.call("/api/v1/instance/domain_blocks", null)).status).toBe(404);
    expect((await t.app.services.setFederationSetting(CLI_MODERATOR, "show_domain_blocks", "users")).ok).toBe(true);
    expect((await t.call("/api/v1/instance/domain_blocks", null)).status).toBe(401);
    const forUsers = await t.json<{ domain: string; digest: string; comment?: string }[]>(t.call("/api/v1/instance/domain_blocks", carol.token));
    expectEntities(forUsers, "DomainBlock");
    // Mastodon's DomainBlock#public_domain: the middle half starred, dots kept.
    expect(forUsers).toEqual([{ domain: "evil.****ple", digest: domainDigest("evil.example"), severity: "suspend" }]);

    expect((await t.app.services.setFederationSetting(CLI_MODERATOR, "show_domain_blocks", "all")).ok).toBe(true);
    expect((await t.app.services.setFederationSetting(CLI_MODERATOR, "show_domain_blocks_rationale", "all")).ok).toBe(true);
    const open = await t.json<{ comment?: string }[]>(t.call("/api/v1/instance/domain_blocks", null));
    expect(open[0]!.comment).toBe("harassment");
    expect((await t.app.services.setFederationSetting(CLI_MODERATOR, "show_domain_blocks", "sometimes")).ok).toBe(false);
  });
});

describe("domain allows and allowlist mode", () => {
  it("are created (once), listed, shown and deleted; in allowlist mode only allowed domains and their subdomains federate", async () => {
    const created = await t.send("POST", "/api/v1/admin/domain_allows", admin.token, { domain: "friends.example" });
    expect(created.status).toBe(200);
    const allow = (await created.json()) as { id: string; domain: string };
    expectEntity(allow, "AdminDomainAllow");
    expect((await t.json<{ id: string }>(t.send("POST", "/api/v1/admin/domain_allows", admin.token, { domain: "friends.example" }))).id).toBe(allow.id);
    expectEntities(await t.json(t.call("/api/v1/admin/domain_allows", admin.token)), "AdminDomainAllow");
    expect(await t.json(t.call(`/api/v1/admin/domain_allows/${allow.id}`, admin.token))).toEqual(allow);

    expect((await domainPolicy(db(), "stranger.example")).refused).toBe(false);
    expect((await t.app.services.setFederationSetting(CLI_MODERATOR, "federation_mode", "allowlist")).ok).toBe(true);
    expect((await domainPolicy(db(), "stranger.example")).refused).toBe(true);
    expect((await domainPolicy(db(), "friends.example")).refused).toBe(false);
    expect((await domainPolicy(db(), "social.friends.example")).refused).toBe(false);

    expect(await t.json(t.send("DELETE", `/api/v1/admin/domain_allows/${allow.id}`, admin.token))).toEqual({});
    expect((await domainPolicy(db(), "friends.example")).refused).toBe(true);
    expect((await t.app.services.setFederationSetting(CLI_MODERATOR, "federation_mode", "blocklist")).ok).toBe(true);
    expect((await audit("domain_allow.create")).length).toBe(1);
    expect((await audit("federation.setting")).length).toBeGreaterThanOrEqual(4);
  });
});

describe("CSV import and export", () => {
  const csv = [
    "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate",
    "spam.example,suspend,true,true,\"spam, lots\",false",
    "meh.example,silence,false,false,,true",
    "kept.example,suspend,false,false,,false",
    "not a domain,suspend,false,false,,false",
  ].join("\n");

  it("previews an import with dry_run, then applies it; allowed domains are kept; export writes Mastodon's CSV", async () => {
    await t.send("POST", "/api/v1/admin/domain_allows", admin.token, { domain: "kept.example" });
    const form = () => {
      const body = new FormData();
      body.set("file", new File([csv], "blocks.csv", { type: "text/csv" }));
      return body;
    };
    const preview = await t.json<{ dry_run: boolean; added: { domain: string }[]; skipped: string[]; problems: { line: number }[] }>(
      t.call("/api/v1/admin/domain_blocks/import?dry_run=true", admin.token, { method: "POST", body: form() }),
    );
    expect(preview).toMatchObject({ dry_run: true, skipped: ["kept.example"], problems: [{ line: 5 }] });
    expect(preview.added.map((e) => e.domain)).toEqual(["spam.example", "meh.example"]);
    expect(await db().selectFrom("domain_blocks").select("domain").where("domain", "=", "spam.example").execute()).toEqual([]);

    const applied = await t.json<{ applied: number }>(t.call("/api/v1/admin/domain_blocks/import", admin.token, { method: "POST", body: form() }));
    expect(applied.applied).toBe(2);
    const exported = await t.call("/api/v1/admin/domain_blocks/export", admin.token);
    expect(exported.headers.get("content-type")).toContain("text/csv");
    const lines = (await exported.text()).trim().split("\n");
    expect(lines[0]).toBe("#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate");
    expect(lines).toContain('spam.example,suspend,true,true,"spam, lots",false');
    expect(lines).toContain("meh.example,silence,false,false,,true");
    expect((await t.call("/api/v1/admin/domain_blocks/export", carol.token)).status).toBe(403);
  });
});
