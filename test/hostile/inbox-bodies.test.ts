// Hostile input, inbox bodies (issue 4): correctly signed deliveries from
// mallory@M to alice@A whose bodies are oversized, deeply nested or stuffed
// with thousands of tags. Each is refused with a clear error or accepted with
// 202 and capped (docs/adr/0019-hostile-input.md): nothing unbounded is
// stored, no one gets thousands of notifications, and the instance goes on.
import { PUBLIC_COLLECTION } from "@fedify/vocab";
import { afterAll, beforeAll, expect } from "vitest";
import { type AccountRow, insertAccount } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { MAX_MENTIONS } from "../../federation/mappers/tags.ts";
import { createIdGenerator } from "../../src/domain/ids.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";
import { deliverRaw, type Signer, signerOf } from "./raw-delivery.ts";
import { type HostileCase, runTable } from "./table.ts";

let rig: Rig;
let a: RigInstance, m: RigInstance;
let alice: AccountRow, mallory: AccountRow;
let readers: AccountRow[];
let signer: Signer;

const KB = 1024;
const AS = "https://www.w3.org/ns/activitystreams";
let serial = 0;

/** A Create of a public Note by mallory, mentioning alice, with the object's properties overridden. */
function create(object: Record<string, unknown> = {}, activity: Record<string, unknown> = {}) {
  const n = ++serial;
  const uri = `${mallory.uri}/statuses/bodies-${n}`;
  const json = {
    "@context": AS,
    id: `${mallory.uri}#bodies-${n}`,
    type: "Create",
    actor: mallory.uri,
    to: [PUBLIC_COLLECTION.href],
    object: { id: uri, type: "Note", attributedTo: mallory.uri, content: `<p>bodies ${n}</p>`, to: [PUBLIC_COLLECTION.href], tag: [{ type: "Mention", href: alice.uri }], ...object },
    ...activity,
  };
  return { uri: typeof object.id === "string" ? object.id : uri, json };
}

/** Posts json (or a body string, signed as it is) to alice's inbox, signed by mallory. */
const deliver = (json: unknown) => deliverRaw(new URL("/users/alice/inbox", a.url), json, { signer });

async function stored(uri: string) {
  await rig.settle();
  return findStatusByUri(a.app.database.db, uri);
}

async function count(table: "mentions" | "status_tags" | "media_attachments", statusId: string): Promise<number> {
  const row = await a.app.database.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as("n")).where("status_id", "=", statusId).executeTakeFirstOrThrow();
  return Number(row.n);
}

async function notificationsOf(statusId: string): Promise<number> {
  const row = await a.app.database.db.selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("status_id", "=", statusId).executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The delivery is refused with `status` or taken with 202; nothing is stored either way. */
function notStored(name: string, statuses: number[], build: () => { uri: string; json: unknown }): HostileCase {
  return {
    name,
    async run() {
      const { uri, json } = build();
      const response = await deliver(json);
      expect(statuses, `${name}: answered ${response.status}`).toContain(response.status);
      expect(await stored(uri)).toBeUndefined();
    },
  };
}

/** The delivery is taken (202) and the post stored within the caps `check` asserts. */
function capped(name: string, build: () => { uri: string; json: unknown }, check: (status: NonNullable<Awaited<ReturnType<typeof stored>>>) => Promise<void>): HostileCase {
  return {
    name,
    async run() {
      const { uri, json } = build();
      expect((typeof json === "string" ? json : JSON.stringify(json)).length).toBeLessThan(1024 * KB);
      expect((await deliver(json)).status).toBe(202);
      const status = await eventually(() => stored(uri), { what: name });
      await check(status);
    },
  };
}

const nest = (depth: number, open: string, close: string, inner: string) => open.repeat(depth) + inner + close.repeat(depth);
const junkActor = (i: number) => `${m.url.origin}/users/nobody-${i}`;

const cases: HostileCase[] = [
  // Size and shape
  notStored("a body over 1 MiB is refused with 413", [413], () => {
    const { uri, json } = create({ content: "x".repeat(1100 * KB) });
    return { uri, json };
  }),
  notStored("100,000 nested arrays in the content", [400], () => {
    const { uri, json } = create();
    return { uri, json: JSON.stringify(json).replace(/"content":"[^"]*"/, `"content":${nest(100_000, "[", "]", '"deep"')}`) };
  }),
  notStored("50,000 nested objects in an extension property", [400], () => {
    const { uri, json } = create();
    return { uri, json: JSON.stringify(json).replace(`"type":"Note"`, `"type":"Note","x:deep":${nest(50_000, '{"a":', "}", "1")}`) };
  }),
  notStored("10,000 nested scoped JSON-LD contexts", [400], () => {
    const { uri, json } = create();
    const context = nest(10_000, '{"@context":{"t":', "}}", '"https://example.org/t"');
    return { uri, json: JSON.stringify(json).replace(`"@context":"${AS}"`, `"@context":["${AS}",${context}]`) };
  }),
  capped("brackets inside strings and 60 levels of nesting are taken", () => {
    const { uri, json } = create({ content: `<p>${"[{".repeat(10_000)}</p>` });
    return { uri, json: JSON.stringify(json).replace(`"type":"Note"`, `"type":"Note","x:deep":${nest(60, '{"a":', "}", "1")}`) };
  }, async (status) => {
    expect(status.content).toContain("[{[{");
  }),
  notStored("an object id of 500 KB", [202], () => create({ id: `${mallory.uri}/statuses/${"x".repeat(500 * KB)}` })),
  capped("a context with 20,000 term definitions", () => {
    const terms = Object.fromEntries(Array.from({ length: 20_000 }, (_, i) => [`t${i}`, `https://example.org/t#${i}`]));
    const { uri, json } = create();
    return { uri, json: { ...json, "@context": [AS, terms] } };
  }, async (status) => {
    expect(status.content).toContain("bodies");
  }),
  // Thousands of tags
  capped("10,000 Mention tags, more than a hundred of them local", () => create({
    tag: [
      { type: "Mention", href: alice.uri },
      ...readers.map((r) => ({ type: "Mention", href: r.uri })),
      ...Array.from({ length: 10_000 - readers.length - 1 }, (_, i) => ({ type: "Mention", href: junkActor(i) })),
    ],
  }), async (status) => {
    const mentions = await count("mentions", status.id);
    expect(mentions).toBeGreaterThan(0);
    expect(mentions).toBeLessThanOrEqual(MAX_MENTIONS);
    expect(await notificationsOf(status.id)).toBeLessThanOrEqual(MAX_MENTIONS);
  }),
  capped("10,000 Mention tags of the same account", () => create({
    tag: Array.from({ length: 10_000 }, () => ({ type: "Mention", href: alice.uri })),
  }), async (status) => {
    expect(await count("mentions", status.id)).toBe(1);
    expect(await notificationsOf(status.id)).toBe(1);
  }),
  capped("5,000 Hashtag tags", () => create({
    tag: [{ type: "Mention", href: alice.uri }, ...Array.from({ length: 5_000 }, (_, i) => ({ type: "Hashtag", name: `#tag${i}` }))],
  }), async (status) => {
    expect(await count("status_tags", status.id)).toBeLessThanOrEqual(500);
  }),
  capped("5,000 Emoji tags", () => create({
    tag: [{ type: "Mention", href: alice.uri }, ...Array.from({ length: 5_000 }, (_, i) => ({ type: "Emoji", name: `:e${i}:`, icon: { type: "Image", url: `${m.url.origin}/e/${i}.png` } }))],
  }), async (status) => {
    expect((JSON.parse(status.emojis) as unknown[]).length).toBeLessThanOrEqual(500);
  }),
  capped("2,000 attachments", () => create({
    attachment: Array.from({ length: 2_000 }, (_, i) => ({ type: "Document", mediaType: "image/png", url: `${m.url.origin}/m/${i}.png` })),
  }), async (status) => {
    expect(await count("media_attachments", status.id)).toBeLessThanOrEqual(16);
  }),
  capped("10,000 addressees", () => {
    const { uri, json } = create({ cc: Array.from({ length: 10_000 }, (_, i) => junkActor(i)) });
    return { uri, json };
  }, async (status) => {
    expect(status.visibility).toBe("public");
  }),
  // Very long strings
  capped("content of 900 KB", () => create({ content: `<p>${"long ".repeat(180 * KB)}</p>` }), async (status) => {
    expect(status.content.length).toBeLessThanOrEqual(128 * KB + 64);
  }),
  capped("a content warning of 900 KB", () => create({ summary: "w".repeat(900 * KB) }), async (status) => {
    expect(status.spoiler_text.length).toBeLessThanOrEqual(128 * KB);
  }),
  capped("a mention href of 100 KB", () => create({
    tag: [{ type: "Mention", href: alice.uri }, { type: "Mention", href: `${m.url.origin}/users/${"x".repeat(100 * KB)}` }],
  }), async (status) => {
    expect(await count("mentions", status.id)).toBe(1);
  }),
  capped("an inReplyTo of 100 KB", () => create({ inReplyTo: `${m.url.origin}/statuses/${"x".repeat(100 * KB)}` }), async (status) => {
    expect(status.in_reply_to_uri).toBeNull();
  }),
  capped("a url of 100 KB", () => create({ url: `${m.url.origin}/@mallory/${"x".repeat(100 * KB)}` }), async (status) => {
    expect(status.url).toBeNull();
  }),
  capped("a hashtag name of 100 KB", () => create({
    tag: [{ type: "Mention", href: alice.uri }, { type: "Hashtag", name: `#${"t".repeat(100 * KB)}` }],
  }), async (status) => {
    const tags = await a.app.database.db.selectFrom("status_tags").innerJoin("tags", "tags.id", "status_tags.tag_id").select("tags.name").where("status_id", "=", status.id).execute();
    for (const tag of tags) expect(tag.name.length).toBeLessThanOrEqual(200);
  }),
  {
    name: "after all of it, the instance takes an ordinary post",
    async run() {
      const { uri, json } = create();
      expect((await deliver(json)).status).toBe(202);
      await eventually(() => stored(uri), { what: "the ordinary post" });
    },
  },
];

beforeAll(async () => {
  rig = await startRig(["a", "m"]);
  [a, m] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  mallory = await m.createAccount("mallory");
  // More local accounts than a post may mention, written straight to the database (no keys needed).
  const ids = createIdGenerator();
  readers = Array.from({ length: MAX_MENTIONS + 20 }, (_, i) => ({
    ...alice, id: ids.next(), username: `reader${i}`, uri: alice.uri.replace(/alice$/, `reader${i}`),
    url: null, inbox_url: alice.inbox_url.replace(/alice/, `reader${i}`), followers_url: null, following_url: null, featured_url: null, outbox_url: null,
  }));
  for (const reader of readers) await insertAccount(a.app.database.db, reader);
  await followAcross(rig, a, alice, m, mallory);
  signer = await signerOf(m, mallory);
});
afterAll(async () => {
  await rig?.close();
});

runTable("inbox bodies", cases);
