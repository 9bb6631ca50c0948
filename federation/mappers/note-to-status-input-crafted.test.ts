import { Note, type Object as APObject } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { noteToStatusInput } from "./note-to-status-input.ts";
import { parseDocument } from "./testing/fixtures.ts";

const NOW = Date.parse("2030-01-01T00:00:00Z");

const context = [
  "https://www.w3.org/ns/activitystreams",
  {
    sensitive: "as:sensitive",
    Hashtag: "as:Hashtag",
    quoteUrl: "as:quoteUrl",
    toot: "http://joinmastodon.org/ns#",
    Emoji: "toot:Emoji",
    blurhash: "toot:blurhash",
    focalPoint: { "@container": "@list", "@id": "toot:focalPoint" },
    votersCount: "toot:votersCount",
    quote: { "@id": "https://w3id.org/fep/044f#quote", "@type": "@id" },
  },
];

const author = "https://remote.example/users/alice";
const followers = `${author}/followers`;

function note(extra: Record<string, unknown>) {
  return { "@context": context, id: `${author}/statuses/1`, type: "Note", attributedTo: author, content: "<p>hi</p>", ...extra };
}

async function mapJson(json: Record<string, unknown>, authorFollowersUri: string | null = followers) {
  const object = await parseDocument(json);
  return await noteToStatusInput(object, { authorFollowersUri, json, now: () => NOW });
}

describe("noteToStatusInput on crafted posts", () => {
  it("returns null without id or attributedTo, and for what is not a post", async () => {
    const { id: _id, ...withoutId } = note({});
    expect(await mapJson(withoutId)).toBeNull();
    const { attributedTo: _a, ...withoutAuthor } = note({});
    expect(await mapJson(withoutAuthor)).toBeNull();
    expect(await mapJson({ "@context": context, id: `${author}/1/activity`, type: "Create", actor: author, attributedTo: author, object: note({}) })).toBeNull();
    expect(await mapJson({ "@context": context, id: author, type: "Person", attributedTo: author, inbox: `${author}/inbox` })).toBeNull();
    expect(await mapJson({ "@context": context, id: `${author}/statuses/2`, type: "Tombstone", attributedTo: author })).toBeNull();
  });

  it("reads visibility from to and cc", async () => {
    const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
    expect((await mapJson(note({ to: PUBLIC, cc: followers })))?.visibility).toBe("public");
    expect((await mapJson(note({ to: "as:Public" })))?.visibility).toBe("public");
    // A bare "Public", which Mastodon accepts too.
    expect((await mapJson(note({ to: ["Public"] })))?.visibility).toBe("public");
    expect((await mapJson(note({ to: followers, cc: PUBLIC })))?.visibility).toBe("unlisted");
    expect((await mapJson(note({ to: followers })))?.visibility).toBe("private");
    expect((await mapJson(note({ to: "https://other.example/users/bob", cc: followers })))?.visibility).toBe("private");
    expect((await mapJson(note({ to: "https://other.example/users/bob" })))?.visibility).toBe("direct");
    expect((await mapJson(note({})))?.visibility).toBe("direct");
    // Another actor's followers collection does not make a post private.
    expect((await mapJson(note({ to: "https://other.example/users/bob/followers" })))?.visibility).toBe("direct");
  });

  it("sanitizes hostile content and strips markup from the content warning", async () => {
    const input = await mapJson(note({
      content: '<p onclick="x()">hi<script>alert(1)</script><a href="jav&#x09;ascript:alert(1)">x</a><iframe src="https://e.example"></iframe></p>',
      summary: "<b>CW</b> &amp; <img src=x onerror=alert(1)>",
    }));
    expect(input).toMatchObject({ content: "<p>hix</p>", spoilerText: "CW &", sensitive: true });
  });

  it("uses the clock when published is missing, and reads updated", async () => {
    expect((await mapJson(note({})))?.published).toBe(NOW);
    const input = await mapJson(note({ published: "2024-01-01T00:00:00Z", updated: "2024-01-02T00:00:00Z" }));
    expect(input).toMatchObject({ published: Date.parse("2024-01-01T00:00:00Z"), updated: Date.parse("2024-01-02T00:00:00Z") });
  });

  it("prefers content to contentMap, and takes the language from contentMap", async () => {
    expect(await mapJson(note({ content: undefined, contentMap: { fr: "<p>bonjour</p>" } }))).toMatchObject({ content: "<p>bonjour</p>", language: "fr" });
    expect(await mapJson(note({ content: "<p>x</p>", contentMap: { und: "<p>x</p>" } }))).toMatchObject({ content: "<p>x</p>", language: null });
  });

  it("reads FEP-044f quotes and FEP-e232 object links", async () => {
    expect((await mapJson(note({ quote: "https://other.example/notes/9" })))?.quoteUri).toBe("https://other.example/notes/9");
    const tagged = await mapJson(note({
      tag: [{
        type: "Link",
        mediaType: 'application/ld+json; profile="https://www.w3.org/ns/activitystreams"',
        href: "https://other.example/notes/10",
        name: "RE: https://other.example/notes/10",
      }],
    }));
    expect(tagged?.quoteUri).toBe("https://other.example/notes/10");
  });

  it("ends a closed poll and keeps its voters count", async () => {
    const options = [{ type: "Note", name: "a", replies: { type: "Collection", totalItems: 3 } }];
    const closedNow = await mapJson(note({ type: "Question", anyOf: options, closed: true, votersCount: 3 }));
    expect(closedNow?.poll).toEqual({ multiple: true, expiresAt: NOW, options: [{ title: "a", votesCount: 3 }], votersCount: 3 });
    const closedThen = await mapJson(note({ type: "Question", oneOf: options, closed: "2024-05-01T00:00:00Z", endTime: "2024-06-01T00:00:00Z" }));
    expect(closedThen?.poll).toMatchObject({ multiple: false, expiresAt: Date.parse("2024-05-01T00:00:00Z") });
    expect((await mapJson(note({ type: "Question" })))?.poll).toBeNull();
  });

  it("keeps only media, with valid blurhash and focal point", async () => {
    const input = await mapJson(note({
      attachment: [
        { type: "Document", mediaType: "image/png", url: "https://remote.example/a.png", blurhash: "not a blurhash", focalPoint: [2, 0] },
        { type: "Document", mediaType: "audio/ogg", url: "https://remote.example/b.ogg", summary: "  alt  ", name: "name" },
        { type: "Link", mediaType: "video/mp4", href: "https://remote.example/c.mp4" },
        { type: "Link", href: "https://remote.example/page" },
        { type: "Document", mediaType: "application/pdf", url: "https://remote.example/d.pdf" },
        { type: "Image", url: "javascript:alert(1)" },
        { type: "Image", mediaType: "image/gif", url: "https://remote.example/e.gif" },
      ],
    }));
    expect(input?.attachments.map((a) => [a.type, a.url, a.blurhash, a.focus, a.description])).toEqual([
      ["image", "https://remote.example/a.png", null, null, null],
      ["audio", "https://remote.example/b.ogg", null, null, "alt"],
      ["video", "https://remote.example/c.mp4", null, null, null],
      ["unknown", "https://remote.example/d.pdf", null, null, null],
      ["image", "https://remote.example/e.gif", null, null, null],
    ]);
  });

  it("reads blurhash from the JSON Fedify kept when the caller gives none", async () => {
    const object = await parseDocument(note({
      attachment: [{ type: "Document", mediaType: "image/jpeg", url: "https://remote.example/a.jpg", blurhash: "LIIE|gRj00WB-;j[t7j[4nWBj[Rj", focalPoint: [-0.5, 0.5] }],
    }));
    const input = await noteToStatusInput(object, { authorFollowersUri: null });
    expect(input?.attachments).toMatchObject([{ url: "https://remote.example/a.jpg", blurhash: "LIIE|gRj00WB-;j[t7j[4nWBj[Rj", focus: { x: -0.5, y: 0.5 } }]);
  });

  it("loses only the field whose getter throws", async () => {
    const object = await parseDocument(note({ to: "as:Public", sensitive: true, tag: [{ type: "Hashtag", name: "#ok" }] })) as APObject;
    Object.defineProperty(object, "sensitive", { get: () => { throw new TypeError("malformed"); } });
    Object.defineProperty(object, "getAttachments", { value: () => { throw new TypeError("malformed"); } });
    const input = await noteToStatusInput(object, { authorFollowersUri: null });
    expect(input).toMatchObject({ visibility: "public", sensitive: false, attachments: [], tags: ["ok"] });
  });

  it("maps a Note built in code", async () => {
    const built = new Note({ id: new URL(`${author}/statuses/3`), attribution: new URL(author), content: "<p>built</p>" });
    expect(await noteToStatusInput(built, { authorFollowersUri: null, now: () => NOW })).toMatchObject({
      uri: `${author}/statuses/3`,
      content: "<p>built</p>",
      visibility: "direct",
      published: NOW,
    });
  });
});
