import { type Actor, Person } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { actorToAccountInput } from "./actor-to-account-input.ts";
import { offlineContextLoader, parseDocument, parseFixture, readFixture } from "./testing/fixtures.ts";

async function mapFixture(file: string) {
  const actor = await parseFixture(`actors/${file}`);
  const input = await actorToAccountInput(actor as Actor, { contextLoader: offlineContextLoader });
  if (input == null) throw new Error(`${file} mapped to null`);
  return input;
}

// The base64 body of a PEM, to compare keys whatever their line breaks.
function pemBody(pem: string): string {
  return pem.replace(/-----[A-Z ]+-----|\s/g, "");
}

function parseActor(json: Record<string, unknown>) {
  return parseDocument({ "@context": ["https://www.w3.org/ns/activitystreams", "https://w3id.org/security/v1"], ...json }) as Promise<Actor>;
}

const minimalActor = {
  id: "https://remote.example/users/alice",
  type: "Person",
  preferredUsername: "alice",
  inbox: "https://remote.example/users/alice/inbox",
};

describe("actorToAccountInput on real actors", () => {
  it("maps a Mastodon person with profile fields", async () => {
    const input = await mapFixture("mastodon-actor-person-profile-fields-emoji.json");
    const json = readFixture("actors/mastodon-actor-person-profile-fields-emoji.json") as { publicKey: { publicKeyPem: string } };
    expect(input).toMatchObject({
      uri: "https://mastodon.social/users/emelie",
      username: "emelie",
      domain: "mastodon.social",
      displayName: "emelie 🎨",
      avatarUrl: "https://files.mastodon.social/accounts/avatars/000/015/657/original/e7163f98280da1a4.png",
      headerUrl: "https://files.mastodon.social/accounts/headers/000/015/657/original/847f331f3dd9e38b.png",
      locked: false,
      bot: false,
      discoverable: false,
      actorType: "Person",
      url: "https://mastodon.social/@emelie",
      inboxUrl: "https://mastodon.social/users/emelie/inbox",
      sharedInboxUrl: "https://mastodon.social/inbox",
      outboxUrl: "https://mastodon.social/users/emelie/outbox",
      followersUrl: "https://mastodon.social/users/emelie/followers",
      followingUrl: "https://mastodon.social/users/emelie/following",
      featuredUrl: "https://mastodon.social/users/emelie/collections/featured",
      alsoKnownAs: [],
      movedToUri: null,
      published: null,
    });
    expect(input.note).toContain(
      '<a href="https://mastodon.social/tags/sweden" class="mention hashtag" rel="nofollow noopener noreferrer" target="_blank">#<span>Sweden</span></a>',
    );
    expect(input.note).toContain("If I ain't spending time with my pets");
    expect(input.fields.map((f) => f.name)).toEqual(["Ko-fi", "Instagram", "Carrd", "Artstation"]);
    expect(input.fields[0]).toEqual({
      name: "Ko-fi",
      value: '<a href="https://ko-fi.com/emeliepng" rel="nofollow noopener noreferrer" target="_blank"><span class="invisible">https://</span><span>ko-fi.com/emeliepng</span><span class="invisible"></span></a>',
      verifiedAt: null,
    });
    expect(input.publicKeys).toHaveLength(1);
    expect(input.publicKeys[0]!.id).toBe("https://mastodon.social/users/emelie#main-key");
    expect(input.publicKeys[0]!.pem).toMatch(/^-----BEGIN PUBLIC KEY-----\n/);
    expect(pemBody(input.publicKeys[0]!.pem!)).toBe(pemBody(json.publicKey.publicKeyPem));
  });

  it("reads custom emoji from an actor's tags", async () => {
    const gotosocial = await mapFixture("gotosocial-actor-person-custom-emoji.json");
    expect(gotosocial.domain).toBe("localhost:8080");
    expect(gotosocial.emojis).toEqual([{
      shortcode: "rainbow",
      url: "http://localhost:8080/fileserver/01AY6P665V14JJR0AFVRT7311Y/emoji/original/01F8MH9H8E4VG3KDYJR9EGPXCQ.png",
    }]);
    const sharkey = await mapFixture("sharkey-actor-person-background.json");
    expect(sharkey.emojis).toEqual([{ shortcode: "garfield", url: "https://grimgreenfo.rest/files/9f97bf42-623d-40c7-a5fe-9cf1b1f6ee2c" }]);
    expect(sharkey.fields).toHaveLength(8);
    expect(sharkey.fields[5]).toEqual({ name: "Mood", value: "Eepy", verifiedAt: null });
    expect(sharkey.alsoKnownAs).toEqual(["https://wandering.shop/users/gavi"]);
  });

  it("reads a move and its aliases", async () => {
    const moved = await mapFixture("gotosocial-actor-person-moved-aliased.json");
    expect(moved.movedToUri).toBe("http://localhost:8080/users/1happyturtle");
    expect(moved.alsoKnownAs).toEqual(["http://localhost:8080/users/1happyturtle"]);
    expect(moved.published).toBe(Date.parse("2022-05-20T11:09:18Z"));
    const aliased = await mapFixture("mastodon-actor-person-also-known-as.json");
    expect(aliased.alsoKnownAs).toEqual(["http://example.org/users/foo"]);
    expect(aliased.movedToUri).toBeNull();
  });

  it("marks Service and Application actors as bots", async () => {
    const service = await mapFixture("mastodon-actor-service-bot.json");
    expect(service).toMatchObject({ actorType: "Service", bot: true, discoverable: true, published: Date.parse("2020-05-13T00:00:00Z") });
    const relay = await mapFixture("mastodon-actor-application-relay.json");
    expect(relay).toMatchObject({ actorType: "Application", bot: true });
    const group = await mapFixture("lemmy-actor-group-community.json");
    expect(group).toMatchObject({ actorType: "Group", bot: false, username: "tenforward" });
  });

  it("reads locked actors", async () => {
    expect((await mapFixture("friendica-actor-person.json")).locked).toBe(true);
    expect((await mapFixture("hollo-actor-person-multikey.json")).locked).toBe(true);
  });

  it("keeps RSA keys as PEM and Multikeys as multibase, one record per key id", async () => {
    const hollo = await mapFixture("hollo-actor-person-multikey.json");
    expect(hollo.publicKeys.map((k) => k.id)).toEqual([
      "https://wizard.casa/users/hongminhee#main-key",
      "https://wizard.casa/users/hongminhee#ed25519-key",
    ]);
    expect(hollo.publicKeys[0]!.pem).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(hollo.publicKeys[0]!.multibase).toMatch(/^z4MX/);
    expect(hollo.publicKeys[1]).toEqual({ id: "https://wizard.casa/users/hongminhee#ed25519-key", multibase: "z6MkweqJajqa5jRAJTBVxxu47oCdB7HzmYbBKN8VGbFJmKkC" });
    const mitra = await mapFixture("mitra-actor-person-multikey.json");
    expect(mitra.publicKeys.find((k) => k.id.endsWith("#ed25519-key"))?.multibase).toBe("z6MkjtdL1hhAtJDRTti4JZtjGVkMiqbrQWhLQjK8wV4neCvS");
  });

  it("reads actors sent without @context, as Mastodon would", async () => {
    const lemmy = await mapFixture("lemmy-actor-person-no-context.json");
    expect(lemmy).toMatchObject({ username: "picard", displayName: "Jean-Luc Picard", avatarUrl: "https://enterprise.lemmy.ml/pictrs/image/ed9ej7.jpg" });
    expect(lemmy.publicKeys).toHaveLength(1);
    const instance = await mapFixture("lemmy-actor-application-instance.json");
    expect(instance).toMatchObject({ uri: "https://enterprise.lemmy.ml/", username: "enterprise.lemmy.ml", bot: true });
  });

  it("keeps custom emoji shortcodes in plain-text names", async () => {
    expect((await mapFixture("friendica-actor-person.json")).displayName).toBe("Jakob :friendica:");
  });
});

describe("actorToAccountInput on crafted actors", () => {
  it("returns null without an inbox or an id", async () => {
    const { inbox: _inbox, ...withoutInbox } = minimalActor;
    expect(await actorToAccountInput(await parseActor(withoutInbox))).toBeNull();
    const { id: _id, ...withoutId } = minimalActor;
    expect(await actorToAccountInput(await parseActor(withoutId))).toBeNull();
  });

  it("falls back to the id's last path segment for the username, and keeps the port in the domain", async () => {
    const input = await actorToAccountInput(await parseActor({
      ...minimalActor,
      preferredUsername: undefined,
      id: "https://Remote.Example:8443/actors/bob",
      inbox: "https://remote.example:8443/actors/bob/inbox",
    }));
    expect(input).toMatchObject({ username: "bob", domain: "remote.example:8443" });
  });

  it("sanitizes the bio and field values, and strips HTML from names", async () => {
    const input = await actorToAccountInput(await parseActor({
      ...minimalActor,
      name: "<b>Alice</b> &amp; <script>alert(1)</script>co",
      summary: '<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">link</a></p>',
      attachment: [{ type: "PropertyValue", name: "<i>Site</i>", value: '<a href="https://alice.example/" style="x">alice.example</a>' }],
      "@context": ["https://www.w3.org/ns/activitystreams", {
        schema: "http://schema.org#",
        PropertyValue: "schema:PropertyValue",
        value: "schema:value",
      }],
    }));
    expect(input?.displayName).toBe("Alice & co");
    expect(input?.note).toBe("<p>hilink</p>");
    expect(input?.fields).toEqual([{
      name: "Site",
      value: '<a href="https://alice.example/" rel="nofollow noopener noreferrer" target="_blank">alice.example</a>',
      verifiedAt: null,
    }]);
  });

  it("caps the display name", async () => {
    const input = await actorToAccountInput(await parseActor({ ...minimalActor, name: "x".repeat(1000) }));
    expect(input?.displayName).toHaveLength(200);
  });

  it("ignores keys that another origin or another owner claims", async () => {
    const pem = (readFixture("actors/mastodon-actor-person-profile-fields-emoji.json") as { publicKey: { publicKeyPem: string } }).publicKey.publicKeyPem;
    const input = await actorToAccountInput(await parseActor({
      ...minimalActor,
      publicKey: [
        { id: "https://other.example/users/x#main-key", owner: "https://other.example/users/x", publicKeyPem: pem },
        { id: "https://remote.example/users/mallory#main-key", owner: "https://remote.example/users/mallory", publicKeyPem: pem },
        { id: "https://remote.example/users/alice#main-key", owner: "https://remote.example/users/alice", publicKeyPem: pem },
      ],
    }));
    expect(input?.publicKeys.map((k) => k.id)).toEqual(["https://remote.example/users/alice#main-key"]);
  });

  it("keeps only http(s) URLs", async () => {
    const input = await actorToAccountInput(await parseActor({
      ...minimalActor,
      url: "javascript:alert(1)",
      outbox: "ftp://remote.example/outbox",
      icon: { type: "Image", url: "data:image/png;base64,AAAA" },
    }));
    expect(input).toMatchObject({ url: null, outboxUrl: null, avatarUrl: null });
  });

  it("loses only the field whose getter throws", async () => {
    const actor = await parseActor({ ...minimalActor, name: "Alice", manuallyApprovesFollowers: true });
    Object.defineProperty(actor, "manuallyApprovesFollowers", { get: () => { throw new TypeError("malformed"); } });
    Object.defineProperty(actor, "getTags", {
      value: async function* () {
        yield* [];
        throw new TypeError("malformed tag");
      },
    });
    const input = await actorToAccountInput(actor);
    expect(input).toMatchObject({ username: "alice", displayName: "Alice", locked: false, emojis: [] });
  });

  it("maps an actor built in code", async () => {
    const actor = new Person({ id: new URL("https://remote.example/users/carol"), inbox: new URL("https://remote.example/users/carol/inbox") });
    expect(await actorToAccountInput(actor)).toMatchObject({ username: "carol", displayName: "", note: "", publicKeys: [] });
  });
});
