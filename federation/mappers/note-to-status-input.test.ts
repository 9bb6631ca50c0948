import { Activity, Question } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { noteToStatusInput } from "./note-to-status-input.ts";
import { offlineContextLoader, parseFixture, readFixture } from "./testing/fixtures.ts";

const NOW = Date.parse("2030-01-01T00:00:00Z");

// Maps an object fixture, or the object embedded in an activity fixture.
async function mapFixture(file: string, authorFollowersUri: string | null = null) {
  let object = await parseFixture(file);
  let json = readFixture(file) as Record<string, unknown>;
  if (object instanceof Activity && !(object instanceof Question)) {
    object = (await object.getObject({ contextLoader: offlineContextLoader }))!;
    json = json.object as Record<string, unknown>;
  }
  const input = await noteToStatusInput(object, { authorFollowersUri, json, contextLoader: offlineContextLoader, now: () => NOW });
  if (input == null) throw new Error(`${file} mapped to null`);
  return input;
}

describe("noteToStatusInput on real posts", () => {
  it("reads a Mastodon content warning as spoiler text and sensitive", async () => {
    const input = await mapFixture("objects/mastodon-object-note-content-warning.json", "https://cyberpunk.lol/users/vantablack/followers");
    expect(input).toMatchObject({
      uri: "https://cyberpunk.lol/users/vantablack/statuses/112876210300863309",
      url: "https://cyberpunk.lol/@vantablack/112876210300863309",
      authorUri: "https://cyberpunk.lol/users/vantablack",
      objectType: "Note",
      content: "<p>I CAN ROAR AND I CAN GROWL IN ALL THESE MOTHERFUCKERS’ FACE</p>",
      spoilerText: "I CAN HOLD THE LINE AND KEEP ‘EM BACK WHILE YOU MAKE A BREAK",
      sensitive: true,
      visibility: "public",
      language: "en",
      name: null,
      published: Date.parse("2024-07-30T15:44:43Z"),
      updated: null,
    });
  });

  it("reads the content warning of a signed Create", async () => {
    const input = await mapFixture("activities/mastodon-activity-create-note-content-warning-signed.json");
    expect(input.spoilerText).not.toBe("");
    expect(input.sensitive).toBe(true);
    expect(input.mentionUris).toHaveLength(1);
  });

  it("reads a direct message", async () => {
    const input = await mapFixture("objects/mastodon-object-note-direct-message.json", "https://mastodon.world/users/nutomic/followers");
    expect(input).toMatchObject({
      visibility: "direct",
      language: "es",
      inReplyToUri: "https://mastodon.world/users/nutomic/statuses/110854464248188528",
      mentionUris: ["https://ds9.lemmy.ml/u/nutomic"],
    });
    expect(input.content).toContain('<span class="h-card"><a href="https://ds9.lemmy.ml/u/nutomic" class="u-url mention" rel="nofollow noopener noreferrer" target="_blank">');
  });

  it("reads unlisted and followers-only addressing", async () => {
    const unlisted = await mapFixture("objects/mastodon-object-note-reply-mention-contentmap.json", "https://mastodon.madrid/users/felix/followers");
    expect(unlisted).toMatchObject({
      visibility: "unlisted",
      inReplyToUri: "https://mamot.fr/users/retiolus/statuses/107224244380204526",
      mentionUris: ["https://mamot.fr/users/retiolus"],
    });
    const privateNote = await mapFixture("activities/mastodon-activity-announce-followers-only-embedded.json", "http://mastodon.example.org/users/admin/followers");
    expect(privateNote).toMatchObject({ visibility: "private", content: "this is a private toot" });
    // Without knowing the followers collection, the same post can only be direct.
    expect((await mapFixture("activities/mastodon-activity-announce-followers-only-embedded.json")).visibility).toBe("direct");
  });

  it("reads Pleroma and Smithereen replies", async () => {
    const pleroma = await mapFixture("objects/pleroma-object-note-reply.json", "https://queer.hacktivis.me/users/lanodan/followers");
    expect(pleroma).toMatchObject({
      visibility: "unlisted",
      inReplyToUri: "https://enterprise.lemmy.ml/post/55143",
      mentionUris: ["https://pleroma.popolon.org/users/popolon"],
      content: "Have what?",
      language: null,
    });
    const smithereen = await mapFixture("activities/smithereen-activity-create-note-reply.json");
    expect(smithereen.inReplyToUri).not.toBeNull();
  });

  it("reads as:Public and expanded JSON-LD alike", async () => {
    const compacted = await mapFixture("objects/fedify-object-note-compacted-as-public.json");
    const expanded = await mapFixture("objects/fedify-object-note-expanded-jsonld.json");
    expect(compacted.visibility).toBe("public");
    expect(expanded).toEqual(compacted);
    expect(compacted.attachments).toEqual([{
      type: "video",
      url: "https://todon.eu/system/media_attachments/files/112/341/916/300/016/369/original/f83659866f94054f.mp4",
      mediaType: "video/mp4",
      description: "The demo video on my terminal",
      blurhash: null,
      width: null,
      height: null,
      focus: null,
    }]);
  });

  it("reads attachments with alt text, size, blurhash and focal point", async () => {
    const kde = await mapFixture("objects/mastodon-object-note-attachment-non-ascii.json");
    expect(kde.attachments).toEqual([{
      type: "image",
      url: "https://cdn.masto.host/floss/media_attachments/files/113/306/826/682/985/891/original/c8d906a2f2ab2334.jpg",
      mediaType: "image/jpeg",
      description: "The KDE dragons Katie and Konqi stand on either side of a pot filling up with gold coins. Donate!",
      blurhash: "USQv:h-W-qI-^,W;RPs=^-R%NZxbo#sDobSc",
      width: 1500,
      height: 1095,
      focus: { x: 0, y: 0 },
    }]);
    const gotosocial = await mapFixture("objects/gotosocial-object-note-hashtags-emoji.json");
    expect(gotosocial.attachments[0]).toMatchObject({
      type: "image",
      description: "Black and white image of some 50's style text saying: Welcome On Board",
      blurhash: "LIIE|gRj00WB-;j[t7j[4nWBj[Rj",
      focus: { x: -0.5, y: 0.5 },
    });
    const mastodon = await mapFixture("objects/mastodon-object-note-hashtag-attachment.json");
    expect(mastodon.attachments).toMatchObject([{ type: "video", mediaType: "video/mp4", description: null }]);
    // Owncast sends an Image without mediaType: its type says what it is.
    const owncast = await mapFixture("objects/owncast-object-note-attachment-object.json");
    expect(owncast.attachments).toMatchObject([{ type: "image", url: "https://owncast.localhost.localdomain/preview.gif?us=KjfNX387gm", mediaType: null }]);
  });

  it("reads hashtags without '#', deduplicated", async () => {
    expect((await mapFixture("objects/mastodon-object-note-hashtag-attachment.json")).tags).toEqual(["mastocats"]);
    expect((await mapFixture("objects/mastodon-object-note-todon-video-attachment.json")).tags).toEqual(["fedify", "fedidev", "activitypub"]);
    // Owncast lists #owncast twice.
    expect((await mapFixture("objects/owncast-object-note-attachment-object.json")).tags).toEqual(["owncast", "streaming"]);
    // Misskey sends no @context; Parley reads it with Mastodon's.
    const misskey = await mapFixture("objects/misskey-object-note-mfm-no-context.json");
    expect(misskey.tags).toEqual(["dancedance"]);
    expect(misskey.mentionUris).toEqual(["http://localhost:4001/users/akkoma_user"]);
  });

  it("reads custom emoji", async () => {
    expect((await mapFixture("objects/mastodon-object-note-custom-emoji.json")).emojis).toEqual([
      { shortcode: "blobcat", url: expect.stringMatching(/^https:\/\//) },
    ]);
    const gotosocial = await mapFixture("objects/gotosocial-object-note-hashtags-emoji.json");
    expect(gotosocial).toMatchObject({ tags: ["welcome"], emojis: [{ shortcode: "rainbow" }] });
  });

  it("reads a Mastodon poll", async () => {
    const input = await mapFixture("activities/mastodon-activity-create-question-poll.json");
    expect(input).toMatchObject({ objectType: "Question", content: "<p>Why is Tenshi eating a corndog so cute?</p>", language: "en" });
    expect(input.poll).toEqual({
      multiple: false,
      expiresAt: Date.parse("2019-05-11T09:03:36Z"),
      options: [
        { title: "Dunno", votesCount: 0 },
        { title: "Everyone knows that!", votesCount: 1 },
        { title: "25 char limit is dumb", votesCount: 0 },
        { title: "I can't even fit a funny", votesCount: 1 },
      ],
      votersCount: null,
    });
  });

  it("reads Smithereen and Misskey polls", async () => {
    const smithereen = await mapFixture("objects/smithereen-object-question-poll.json");
    expect(smithereen.poll).toEqual({
      multiple: false,
      expiresAt: null,
      options: [
        { title: "тестовый ответ 1", votesCount: 4 },
        { title: "тестовый ответ 2", votesCount: 4 },
        { title: "тестовый ответ 3", votesCount: 6 },
      ],
      votersCount: 14,
    });
    const misskey = await mapFixture("objects/misskey-object-question-poll-no-end-date.json");
    expect(misskey.poll).toMatchObject({ expiresAt: null, options: [{ title: "Working", votesCount: 0 }, { title: "Broken af", votesCount: 1 }] });
  });

  it("shows an Article as its linked title and excerpt", async () => {
    const nodebb = await mapFixture("objects/nodebb-object-article-topic.json");
    expect(nodebb).toMatchObject({ objectType: "Article", name: "Welcome to your NodeBB!", spoilerText: "", sensitive: false });
    expect(nodebb.content).toMatch(/^<p><a href="https:\/\/bb\.devnull\.land\/post\/1" rel="nofollow noopener noreferrer" target="_blank">Welcome to your NodeBB!<\/a><\/p>/);
    // The summary's <h3> became a bold paragraph.
    expect(nodebb.content).toContain("<p><strong>Welcome to your brand new NodeBB forum!</strong></p>");
    const wordpress = await mapFixture("objects/wordpress-object-article-very-long.json");
    expect(wordpress).toMatchObject({
      name: "An Epic 3D-Printed Fan Expansion for Last Light",
      spoilerText: "",
      language: "en",
      tags: ["3DPrinting", "ai", "Boardgames", "GenAI", "LastLight"],
    });
    expect(wordpress.content).toMatch(/^<p><a href="https:\/\/dbzer0\.com\/blog\/an-epic-3d-printed-fan-expansion-for-last-light\/" [^>]*>An Epic 3D-Printed Fan Expansion for Last Light<\/a><\/p>I like the Last Light boardgame/);
    expect(wordpress.attachments).toHaveLength(4);
    expect(wordpress.attachments[0]).toMatchObject({ type: "image", mediaType: "image/png", description: "A fleet of varied spacships" });
    // Prismo's Article, embedded in a Create whose actor is an array.
    const prismo = await mapFixture("activities/prismo-activity-create-article-actor-array.json");
    expect(prismo).toMatchObject({ name: "Introducing: Federated follows!", authorUri: "https://prismo.news/@mxb" });
  });

  it("shows a Lemmy Page, a Mobilizon Event and a PeerTube Video by title and link", async () => {
    const page = await mapFixture("objects/lemmy-object-page-post.json");
    expect(page).toMatchObject({
      objectType: "Page",
      name: "Post title",
      content: '<p><a href="https://enterprise.lemmy.ml/post/55143" rel="nofollow noopener noreferrer" target="_blank">Post title</a></p><p>This is a post in the /c/tenforward community</p>\n',
      mentionUris: ["https://enterprise.lemmy.ml/c/tenforward"],
      // Lemmy attaches the shared link as a Link without media type: not media.
      attachments: [],
    });
    const event = await mapFixture("objects/mobilizon-object-event.json");
    expect(event).toMatchObject({ objectType: "Event", name: "Caledonian scottish dance class", tags: ["Dance", "Caledonian", "Lesson"] });
    expect(event.content).toContain("<p>£6 each.</p>");
    expect(event.attachments).toMatchObject([{ type: "image", description: "Banner" }]);
    // PeerTube's description is Markdown: only the linked title is shown.
    const video = await mapFixture("objects/peertube-object-video.json");
    expect(video).toMatchObject({
      objectType: "Video",
      url: "https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1",
      authorUri: "https://tilvids.com/accounts/thelinuxexperiment",
      updated: Date.parse("2025-02-04T09:00:50.396Z"),
    });
    expect(video.content).toBe(
      '<p><a href="https://tilvids.com/videos/watch/e7946124-7b72-4ad7-9d22-844a84bb2de1" rel="nofollow noopener noreferrer" target="_blank">Mesa, Wayland &amp; X.org in trouble, Debian leaves X, Facebook blocks Linux: Linux &amp; Open Source News</a></p>',
    );
  });

  it("reads quotes from quoteUrl, _misskey_quote and quoteUri", async () => {
    const quoted = "https://example.com/objects/43479e20-c0f8-4f49-bf7f-13fab8234924";
    expect((await mapFixture("objects/misskey-object-note-quote.json")).quoteUri).toBe(quoted);
    expect((await mapFixture("objects/fedibird-object-note-quote-uri.json")).quoteUri).toBe(quoted);
  });

  it("reads a ChatMessage as a direct post", async () => {
    const chat = await mapFixture("objects/pleroma-object-chatmessage.json");
    expect(chat).toMatchObject({ content: "Hi!", visibility: "direct", authorUri: "https://queer.hacktivis.me/users/lanodan" });
  });
});

describe("noteToStatusInput with Pleroma's litepub context", () => {
  // Pleroma and Akkoma define their terms in litepub-0.1.jsonld, served by
  // each instance. Offline it is an empty context; this stand-in holds the
  // terms these fixtures use, as the real context defines them.
  const litepub = {
    "@context": {
      litepub: "http://litepub.social/ns#",
      toot: "http://joinmastodon.org/ns#",
      fedibird: "http://fedibird.com/ns#",
      sensitive: "as:sensitive",
      Emoji: "toot:Emoji",
      ChatMessage: "litepub:ChatMessage",
      quoteUrl: "as:quoteUrl",
      quoteUri: "fedibird:quoteUri",
    },
  };
  const loader: typeof offlineContextLoader = (url) =>
    url.endsWith("/schemas/litepub-0.1.jsonld")
      ? Promise.resolve({ contextUrl: null, documentUrl: url, document: litepub })
      : offlineContextLoader(url);

  async function mapWithLitepub(file: string) {
    const object = await parseFixture(file, loader);
    return await noteToStatusInput(object, { authorFollowersUri: null, json: readFixture(file), contextLoader: loader });
  }

  it("reads custom emoji in a Pleroma content warning", async () => {
    const input = await mapWithLitepub("objects/pleroma-object-note-emoji-in-summary.json");
    expect(input).toMatchObject({ spoilerText: ":joker_smile:", sensitive: true });
    expect(input?.emojis).toEqual([
      { shortcode: "joker_disapprove", url: "https://patch.cx/emoji/custom/joker_disapprove.png" },
      { shortcode: "joker_smile", url: "https://patch.cx/emoji/custom/joker_smile.png" },
    ]);
  });

  it("reads an Akkoma quote and a typed ChatMessage", async () => {
    expect((await mapWithLitepub("objects/akkoma-object-note-quote.json"))?.quoteUri).toBe("https://mas.to/users/bascule/statuses/112793660647233531");
    expect((await mapWithLitepub("objects/pleroma-object-chatmessage.json"))?.objectType).toBe("ChatMessage");
  });
});
