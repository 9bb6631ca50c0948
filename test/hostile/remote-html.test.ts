// Hostile input, remote HTML (issue 4): mallory@M sends real, signed activities
// to alice@A carrying hostile markup in every text a remote server controls:
// a post's content, content warning, poll options and alt text, and an
// actor's display name, bio and profile fields. What A stores and what its API
// returns must stay within Mastodon's allowlist (docs/adr/0006-remote-html.md).
import { Article, Create, Document, Note, Person, PUBLIC_COLLECTION, Question, Update } from "@fedify/vocab";
import { Parser } from "htmlparser2";
import { afterAll, beforeAll, expect } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { instantAt } from "../../federation/mappers/instant.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, followAcross, type Rig, type RigInstance, sendRaw, startRig } from "../rig/rig.ts";
import { type HostileCase, runTable } from "./table.ts";

let rig: Rig;
let a: RigInstance, m: RigInstance;
let alice: AccountRow, mallory: AccountRow, malloryOnA: AccountRow;
let token: string;
let actorJson: Record<string, unknown>;

// Markup that must not survive, each a known way past naive sanitizers.
const PAYLOADS: [string, string][] = [
  ["script tag", `<script>alert(1)</script>`],
  ["event handler", `<img src=x onerror=alert(1)><b onmouseover="alert(1)">b</b>`],
  ["javascript: link", `<a href="javascript:alert(1)">x</a>`],
  ["javascript: link with entities and tabs", `<a href="jav&#x09;ascript&colon;alert(1)">x</a><a href=" JaVaScRiPt:alert(1)">y</a>`],
  ["data: link", `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>`],
  ["vbscript: and protocol-relative links", `<a href="vbscript:msgbox(1)">x</a><a href="//evil.example/">y</a>`],
  ["style attribute and style element", `<p style="background:url(javascript:alert(1))">x</p><style>*{display:none}</style>`],
  ["SVG", `<svg onload="alert(1)"><script>alert(1)</script><a xlink:href="javascript:alert(1)">s</a></svg>`],
  ["MathML", `<math><mi xlink:href="javascript:alert(1)">m</mi><maction actiontype="statusline">x</maction></math>`],
  ["iframe, object, embed", `<iframe src="https://evil.example/"></iframe><object data="x.swf"></object><embed src="x.swf">`],
  ["form", `<form action="https://evil.example/"><input name="password"><button formaction="javascript:alert(1)">go</button></form>`],
  ["meta, base, link", `<meta http-equiv="refresh" content="0;url=https://evil.example/"><base href="https://evil.example/"><link rel="stylesheet" href="https://evil.example/x.css">`],
  ["malformed nesting", `<<script>script>alert(1)<</script>/script><scr<script>ipt>alert(1)</script>`],
  ["unclosed attribute", `<p><a href="https://ok.example/" onclick="alert(1)"<script>alert(1)</script>`],
  ["comments and CDATA", `<!--<script>alert(1)</script>--><![CDATA[<script>alert(1)</script>]]>x`],
  ["forged classes and rel", `<a href="https://ok.example/" class="mention evil" rel="opener" target="_self">m</a><span class="h-card x-evil invisible" id="i" data-x="1">s</span>`],
  ["unknown elements", `<div><img src="https://evil.example/t.png"><table><tr><td>cell</td></tr></table></div>`],
];

// Mastodon's allowlist: the elements and, per element, the attributes allowed.
const ALLOWED: Record<string, string[]> = {
  p: [], br: [], span: ["class"], a: ["href", "class", "rel", "target"], del: [], s: [], pre: [], blockquote: [], code: [],
  b: [], strong: [], u: [], i: [], em: [], ul: [], ol: ["start", "reversed"], li: ["value"],
};
const SPAN_CLASSES = ["h-card", "mention", "hashtag", "u-url", "invisible", "ellipsis", "quote-inline"];
const LINK_CLASSES = ["mention", "hashtag", "u-url"];

/** Fails unless html uses only the allowlist: elements, attributes, classes, link schemes, forced rel. */
function expectSafeHtml(html: string, where: string): void {
  const problems: string[] = [];
  new Parser({
    onopentag(name, attribs) {
      const allowed = ALLOWED[name];
      if (!allowed) return void problems.push(`<${name}>`);
      for (const [attr, value] of Object.entries(attribs)) {
        if (attr !== "lang" && !allowed.includes(attr)) problems.push(`${name}[${attr}]`);
        if (attr === "class") {
          const classes = name === "a" ? LINK_CLASSES : SPAN_CLASSES;
          for (const c of value.split(/\s+/).filter(Boolean)) if (!classes.includes(c)) problems.push(`${name}.${c}`);
        }
      }
      if (name === "a") {
        if (attribs.href !== undefined && !/^(https?:\/\/|mailto:)/i.test(attribs.href)) problems.push(`href=${attribs.href}`);
        if (attribs.rel !== "nofollow noopener noreferrer") problems.push(`rel=${attribs.rel}`);
      }
    },
  }, { decodeEntities: true }).end(html);
  expect(problems, `${where}: ${html}`).toEqual([]);
}

/** Fails if a plain-text field holds an opening tag (comments and declarations included). */
function expectPlainText(text: string | null | undefined, where: string): void {
  expect(text ?? "", where).not.toMatch(/<[a-z!?]/i);
}

async function api(path: string): Promise<Record<string, unknown>> {
  const response = await a.app.fetch(new Request(new URL(path, a.url), { headers: { Authorization: `Bearer ${token}` } }));
  expect(response.status).toBe(200);
  return (await response.json()) as Record<string, unknown>;
}

/** A post by mallory with the payload in its content, content warning, poll options and alt text. */
function statusCase([what, payload]: [string, string], index: number): HostileCase {
  return {
    name: `${what}: in a post's content, warning, poll options and alt text`,
    async run() {
      const uri = `${m.url.origin}/users/mallory/statuses/hostile-html-${index}`;
      const question = new Question({
        id: new URL(uri),
        attribution: new URL(mallory.uri),
        to: PUBLIC_COLLECTION,
        content: `<p>before</p>${payload}<p>after</p>`,
        summary: `cw ${payload}`,
        exclusiveOptions: [new Note({ name: `one ${payload}` }), new Note({ name: `two ${payload}` })],
        endTime: instantAt(Date.now() + 3_600_000),
        attachments: [new Document({ mediaType: "image/png", url: new URL(`${m.url.origin}/media/${index}.png`), name: `alt ${payload}` })],
      });
      await sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Create({ id: new URL(`${uri}#create`), actor: new URL(mallory.uri), object: question }));
      const stored = await eventually(() => findStatusByUri(a.app.database.db, uri), { what: "the post on A" });
      expectSafeHtml(stored.content, "stored content");
      expectPlainText(stored.spoiler_text, "stored content warning");
      const status = await api(`/api/v1/statuses/${stored.id}`);
      expectEntity(status, "Status");
      expectSafeHtml(status.content as string, "API content");
      expect(status.content).toContain("after");
      expectPlainText(status.spoiler_text as string, "API spoiler_text");
      const poll = status.poll as { options: { title: string }[] };
      expect(poll.options).toHaveLength(2);
      for (const option of poll.options) expectPlainText(option.title, "poll option");
      const media = status.media_attachments as { description: string | null; url: string; remote_url: string | null }[];
      expect(media).toHaveLength(1);
      expectPlainText(media[0]!.description, "alt text");
      const rows = await a.app.database.db.selectFrom("media_attachments").select("description").where("status_id", "=", stored.id).execute();
      for (const row of rows) expectPlainText(row.description, "stored alt text");
    },
  };
}

/** Mallory's actor with the payload in display name, bio and profile fields, sent as Update(Person). */
function actorCase([what, payload]: [string, string], index: number): HostileCase {
  return {
    name: `${what}: in an actor's display name, bio and fields`,
    async run() {
      const hostile = {
        ...actorJson,
        name: `mallory ${payload}`,
        summary: `<p>bio ${index}</p>${payload}`,
        attachment: [
          { type: "PropertyValue", name: `field ${payload}`, value: `<a href="https://ok.example/">ok</a>${payload}` },
          { type: "PropertyValue", name: "plain", value: payload },
        ],
      };
      const person = await Person.fromJsonLd(hostile);
      await sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Update({ id: new URL(`${mallory.uri}#update-${index}`), actor: new URL(mallory.uri), object: person }));
      const stored = await eventually(async () => {
        const row = await a.app.database.db.selectFrom("accounts").selectAll().where("id", "=", malloryOnA.id).executeTakeFirstOrThrow();
        return row.note.includes(`bio ${index}`) ? row : null;
      }, { what: "the profile update on A" });
      expectPlainText(stored.display_name, "stored display name");
      expectSafeHtml(stored.note, "stored bio");
      const account = await api(`/api/v1/accounts/${malloryOnA.id}`);
      expectEntity(account, "Account");
      expectPlainText(account.display_name as string, "API display_name");
      expectSafeHtml(account.note as string, "API note");
      const fields = account.fields as { name: string; value: string }[];
      expect(fields).toHaveLength(2);
      for (const field of fields) {
        expectPlainText(field.name, "field name");
        expectSafeHtml(field.value, "field value");
      }
    },
  };
}

/** Mallory edits a post of hers into the payload: the new text and the kept revision are both clean. */
function editCase([what, payload]: [string, string], index: number): HostileCase {
  return {
    name: `${what}: in an edit of a post`,
    async run() {
      const uri = `${m.url.origin}/users/mallory/statuses/hostile-edit-${index}`;
      const note = (content: string, summary: string, updated?: number) => new Note({
        id: new URL(uri), attribution: new URL(mallory.uri), to: PUBLIC_COLLECTION, content, summary,
        published: instantAt(Date.now() - 60_000), ...(updated ? { updated: instantAt(updated) } : {}),
      });
      await sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Create({ id: new URL(`${uri}#create`), actor: new URL(mallory.uri), object: note("<p>harmless</p>", "") }));
      const original = await eventually(() => findStatusByUri(a.app.database.db, uri), { what: "the post on A" });
      await sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Update({
        id: new URL(`${uri}#update`), actor: new URL(mallory.uri), object: note(`<p>edited</p>${payload}`, `cw ${payload}`, Date.now()),
      }));
      const edited = await eventually(async () => {
        const row = await findStatusByUri(a.app.database.db, uri);
        return row?.content.includes("edited") ? row : null;
      }, { what: "the edit on A" });
      expectSafeHtml(edited.content, "stored edited content");
      expectPlainText(edited.spoiler_text, "stored edited warning");
      const revisions = await a.app.database.db.selectFrom("status_edits").select(["content", "spoiler_text"]).where("status_id", "=", original.id).execute();
      expect(revisions.length).toBeGreaterThan(0);
      for (const revision of revisions) {
        expectSafeHtml(revision.content, "stored revision");
        expectPlainText(revision.spoiler_text, "stored revision warning");
      }
      const history = await a.app.fetch(new Request(new URL(`/api/v1/statuses/${original.id}/history`, a.url), { headers: { Authorization: `Bearer ${token}` } }));
      expect(history.status).toBe(200);
      for (const entry of (await history.json()) as { content: string; spoiler_text: string }[]) {
        expectEntity(entry, "StatusEdit");
        expectSafeHtml(entry.content, "API history");
        expectPlainText(entry.spoiler_text, "API history warning");
      }
    },
  };
}

/** An Article's title becomes a link Parley writes itself: the title must stay text, the link http(s). */
const articleCases: HostileCase[] = PAYLOADS.slice(0, 4).map(([what, payload], index) => ({
  name: `${what}: in an Article's title and url`,
  async run() {
    const uri = `${m.url.origin}/users/mallory/articles/hostile-${index}`;
    await sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Create({
      id: new URL(`${uri}#create`), actor: new URL(mallory.uri),
      object: new Article({
        id: new URL(uri), attribution: new URL(mallory.uri), to: PUBLIC_COLLECTION,
        name: `title ${payload}"><script>alert(1)</script>`, url: new URL(`javascript:alert(${index})`), content: `<p>body</p>${payload}`,
      }),
    }));
    const stored = await eventually(() => findStatusByUri(a.app.database.db, uri), { what: "the article on A" });
    expectSafeHtml(stored.content, "stored article");
    const status = await api(`/api/v1/statuses/${stored.id}`);
    expectEntity(status, "Status");
    expectSafeHtml(status.content as string, "API article");
    expect(status.content).toContain("title");
  },
}));

/** Links and media that are not http(s) never reach the API. */
const urlCases: HostileCase[] = [
  {
    name: "a post whose url and attachment are javascript: and data: URLs",
    async run() {
      const uri = `${m.url.origin}/users/mallory/statuses/hostile-urls`;
      await sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Create({
        id: new URL(`${uri}#create`),
        actor: new URL(mallory.uri),
        object: new Note({
          id: new URL(uri),
          attribution: new URL(mallory.uri),
          to: PUBLIC_COLLECTION,
          content: "urls",
          url: new URL("javascript:alert(1)"),
          attachments: [new Document({ mediaType: "image/png", url: new URL("data:image/png;base64,iVBORw0KGgo=") })],
        }),
      }));
      const stored = await eventually(() => findStatusByUri(a.app.database.db, uri), { what: "the post on A" });
      const status = await api(`/api/v1/statuses/${stored.id}`);
      expectEntity(status, "Status");
      expect(status.url === null || /^https:/.test(status.url as string)).toBe(true);
      expect(JSON.stringify(status)).not.toMatch(/javascript:|data:image/);
    },
  },
  {
    name: "an actor whose avatar, header and url are javascript: and data: URLs",
    async run() {
      const person = await Person.fromJsonLd({
        ...actorJson,
        summary: "<p>urls</p>",
        url: "javascript:alert(1)",
        icon: { type: "Image", url: "javascript:alert(1)" },
        image: { type: "Image", url: "data:image/png;base64,iVBORw0KGgo=" },
      });
      await sendRaw(rig, m, "mallory", `@alice@${a.host}`, new Update({ id: new URL(`${mallory.uri}#update-urls`), actor: new URL(mallory.uri), object: person }));
      await eventually(async () => {
        const row = await a.app.database.db.selectFrom("accounts").select("note").where("id", "=", malloryOnA.id).executeTakeFirstOrThrow();
        return row.note === "<p>urls</p>";
      }, { what: "the profile update on A" });
      const account = await api(`/api/v1/accounts/${malloryOnA.id}`);
      expectEntity(account, "Account");
      expect(JSON.stringify(account)).not.toMatch(/javascript:|data:image/);
    },
  },
];

beforeAll(async () => {
  rig = await startRig(["a", "m"]);
  [a, m] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  mallory = await m.createAccount("mallory");
  malloryOnA = await followAcross(rig, a, alice, m, mallory);
  token = await issueToken(a.app, alice.id);
  const response = await m.app.fetch(new Request(mallory.uri, { headers: { Accept: "application/activity+json" } }));
  actorJson = (await response.json()) as Record<string, unknown>;
});
afterAll(async () => {
  await rig?.close();
});

runTable("remote HTML", [...PAYLOADS.map(statusCase), ...PAYLOADS.map(actorCase), ...PAYLOADS.map(editCase), ...articleCases, ...urlCases]);
