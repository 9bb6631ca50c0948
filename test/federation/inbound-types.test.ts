// Inbound post types from a real, signing peer: a Question shows as a poll, an
// Article with its name and link, a Note's content warning, mentions, hashtags,
// custom emoji and attachments (kept as remote references), sanitized HTML.
import { Article, Create, Document, Emoji, Hashtag, Image, Mention, Note, PUBLIC_COLLECTION, Question } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findMediaOfStatus, findStatusByUri } from "../../db/queries/statuses.ts";
import { findTagNamesOfStatus } from "../../db/queries/tags.ts";
import { instantAt } from "../../federation/mappers/instant.ts";
import { followAcross, type Rig, type RigInstance, sendRaw, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, m: RigInstance;
let alice: AccountRow, mallory: AccountRow;
const sendCreate = (object: Note | Question | Article, n: number) =>
  sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Create({ id: new URL(`${mallory.uri}#create-${n}`), actor: new URL(mallory.uri), to: PUBLIC_COLLECTION, object }));

beforeAll(async () => {
  rig = await startRig(["a", "m"]);
  [a, m] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  mallory = await m.createAccount("mallory");
  await followAcross(rig, a, alice, m, mallory);
});
afterAll(async () => {
  await rig?.close();
});

describe("inbound post types", () => {
  it("shows a Question as a status with a poll", async () => {
    const id = `${m.url.origin}/users/mallory/statuses/100`;
    await sendCreate(new Question({
      id: new URL(id), attribution: new URL(mallory.uri), to: PUBLIC_COLLECTION, content: "<p>Tea or coffee?</p>",
      exclusiveOptions: [new Note({ name: "Tea", replies: null }), new Note({ name: "Coffee" })],
      endTime: instantAt(Date.UTC(2030, 0, 1)),
    }), 1);
    const status = (await findStatusByUri(a.app.database.db, id))!;
    expect(status.content).toContain("Tea or coffee?");
    expect(status.object_type).toBe("Question");
    const poll = JSON.parse(status.poll) as { multiple: boolean; options: { title: string }[]; expiresAt: number };
    expect(poll.multiple).toBe(false);
    expect(poll.options.map((o) => o.title)).toEqual(["Tea", "Coffee"]);
    expect(poll.expiresAt).toBe(Date.UTC(2030, 0, 1));
  });

  it("shows an Article with its name and a link", async () => {
    const id = `${m.url.origin}/users/mallory/statuses/101`;
    await sendCreate(new Article({
      id: new URL(id), attribution: new URL(mallory.uri), to: PUBLIC_COLLECTION, name: "Long read",
      url: new URL(`${m.url.origin}/articles/long-read`), summary: "<p>An excerpt</p>", content: "<p>The whole article body</p>",
    }), 2);
    const status = (await findStatusByUri(a.app.database.db, id))!;
    expect(status.name).toBe("Long read");
    expect(status.content).toContain(`href="${m.url.origin}/articles/long-read"`);
    expect(status.content).toContain("Long read");
  });

  it("keeps content warnings, mentions, hashtags, emoji and attachments, and sanitizes HTML", async () => {
    const id = `${m.url.origin}/users/mallory/statuses/102`;
    await sendCreate(new Note({
      id: new URL(id), attribution: new URL(mallory.uri), to: PUBLIC_COLLECTION, summary: "spoilers ahead", sensitive: true,
      content: `<p>Hi <a href="${alice.uri}" class="u-url mention">@alice</a> #Cats :blob: <script>alert(1)</script><img src=x onerror=alert(1)></p>`,
      tags: [
        new Mention({ href: new URL(alice.uri), name: `@alice@${a.host}` }),
        new Hashtag({ href: new URL(`${m.url.origin}/tags/cats`), name: "#Cats" }),
        new Emoji({ id: new URL(`${m.url.origin}/emoji/blob`), name: ":blob:", icon: new Image({ url: new URL(`${m.url.origin}/emoji/blob.png`) }) }),
      ],
      attachments: [new Document({ url: new URL(`${m.url.origin}/media/cat.jpg`), mediaType: "image/jpeg", name: "A cat on a mat", width: 640, height: 480 })],
    }), 3);
    const status = (await findStatusByUri(a.app.database.db, id))!;
    expect(status.spoiler_text).toBe("spoilers ahead");
    expect(status.sensitive).toBe(1);
    expect(status.content).not.toMatch(/script|onerror|<img/);
    expect(await findTagNamesOfStatus(a.app.database.db, status.id)).toEqual(["Cats"]);
    expect(JSON.parse(status.emojis)).toEqual([{ shortcode: "blob", url: `${m.url.origin}/emoji/blob.png` }]);
    const media = await findMediaOfStatus(a.app.database.db, status.id);
    expect(media).toMatchObject([{ type: "image", remote_url: `${m.url.origin}/media/cat.jpg`, description: "A cat on a mat" }]);
    const mention = await a.app.database.db.selectFrom("notifications").select("type").where("account_id", "=", alice.id).where("status_id", "=", status.id).executeTakeFirst();
    expect(mention?.type).toBe("mention");
  });
});
