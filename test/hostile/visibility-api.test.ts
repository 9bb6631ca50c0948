// Hostile input, visibility leaks (issue 4), on one instance: olive posts a
// followers-only and a direct status, bea (who blocks val) posts in public,
// each with a unique canary string. val follows neither olive nor anyone
// bea's statuses could reach him through; the anonymous caller has no token.
// One table of cases, one per surface: the canaries appear on none of them
// for val or the anonymous caller (the API, streaming over SSE and WebSocket,
// HTML pages and feeds, and ActivityPub dereferencing without a signature),
// while the first case proves they were planted where they may be seen.
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type Case, runCases } from "../helpers/case-table.ts";
import { openSocket, readEventStream, type ReceivedEvent, serveOnLoopback, type TestEventStream, type TestSocket } from "../helpers/streaming.ts";
import { type ApiTest, startApiTest, type TestUser } from "../api/timelines-helpers.ts";

const canary = (what: string) => `canary${what}${randomBytes(6).toString("hex")}`;
const CANARIES = {
  priv: canary("priv"), dm: canary("dm"), block: canary("block"), reply: canary("reply"), boost: canary("boost"), edited: canary("edited"),
};
const ALL = Object.values(CANARIES);
// bea's posts are public: only val, whom she blocks, must not see them.
const NOT_PUBLIC = [CANARIES.priv, CANARIES.dm, CANARIES.reply, CANARIES.edited];
const TAG = `leaktag${randomBytes(3).toString("hex")}`;

let t: ApiTest;
let server: Awaited<ReturnType<typeof serveOnLoopback>>;
let olive: TestUser, fay: TestUser, dan: TestUser, val: TestUser, bea: TestUser;
const ids: Record<"thread" | "priv" | "dm" | "block" | "reply" | "valPost" | "poll" | "list" | "boost" | "selfBoost" | "fayReply", string> = {
  thread: "", priv: "", dm: "", block: "", reply: "", valPost: "", poll: "", list: "", boost: "", selfBoost: "", fayReply: "",
};
let uris: { priv: string; dm: string };
const sse: TestEventStream[] = [];
let socket: TestSocket;

/** The text of an answer, asserted to carry none of the canaries; the status is returned for the case to check. */
async function leakFree(response: Response | Promise<Response>, canaries = ALL, where = "an answer"): Promise<{ status: number; body: string }> {
  const answer = await response;
  const body = await answer.text();
  for (const c of canaries) expect(body, `${c} leaked from ${where}`).not.toContain(c);
  return { status: answer.status, body };
}

/** GETs the path as val (nothing may leak) and as the anonymous caller (nothing but public posts). Answers their statuses. */
async function asStrangers(path: string): Promise<[number, number]> {
  return [(await leakFree(t.call(path, val.token), ALL, `${path} as val`)).status, (await leakFree(t.call(path, null), NOT_PUBLIC, `${path} anonymously`)).status];
}

const privateIds = () => [ids.priv, ids.dm, ids.block, ids.reply];
/** What a hidden status answers: 404 to val; to the anonymous caller too, unless it is bea's public one. */
const hidden = (id: string, anonymous = 404) => [404, id === ids.block ? 200 : anonymous];

const cases: Case[] = [
  {
    name: "control: the canaries are where their audience sees them",
    async run() {
      const read = async (id: string, who: TestUser) => (await t.json<{ content: string }>(t.call(`/api/v1/statuses/${id}`, who.token))).content;
      expect(await read(ids.priv, fay)).toContain(CANARIES.priv);
      expect(await read(ids.dm, dan)).toContain(CANARIES.edited);
      expect(await read(ids.block, fay)).toContain(CANARIES.block);
      expect(await read(ids.reply, fay)).toContain(CANARIES.edited);
      expect(await (await t.call(`/api/v1/statuses/${ids.reply}/history`, fay.token)).text()).toContain(CANARIES.reply);
      // The surfaces val reads show bea's posts to others: the public timeline, and fay's home with her boost.
      expect(await (await t.call(`/api/v1/timelines/tag/${TAG}`, null)).text()).toContain(CANARIES.block);
      expect(await (await t.call("/api/v1/timelines/home", fay.token)).text()).toContain(CANARIES.boost);
    },
  },
  {
    name: "GET /api/v1/statuses/:id is 404 for each hidden status",
    async run() {
      for (const id of privateIds()) expect(await asStrangers(`/api/v1/statuses/${id}`)).toEqual(hidden(id));
    },
  },
  {
    name: "boosts of hidden statuses (fay's of bea's post, olive's of her own followers-only one) are 404 too",
    async run() {
      // (Parley answers a boost's own id with 404 to everyone: only val's answer is the point here.)
      for (const id of [ids.boost, ids.selfBoost]) expect((await asStrangers(`/api/v1/statuses/${id}`))[0]).toBe(404);
    },
  },
  {
    name: "the context of fay's public reply to bea's post leaves bea's post out for val",
    async run() {
      expect(await asStrangers(`/api/v1/statuses/${ids.fayReply}/context`)).toEqual([200, 200]);
    },
  },
  {
    name: "GET /api/v1/statuses?id[]= leaves hidden statuses out",
    async run() {
      const query = [...privateIds(), ids.boost, ids.selfBoost].map((id) => `id[]=${id}`).join("&");
      expect(await asStrangers(`/api/v1/statuses?${query}`)).toEqual([200, 200]);
    },
  },
  {
    name: "context of the thread and of val's post hides the private replies; a hidden status's context is 404",
    async run() {
      expect(await asStrangers(`/api/v1/statuses/${ids.thread}/context`)).toEqual([200, 200]);
      expect(await asStrangers(`/api/v1/statuses/${ids.valPost}/context`)).toEqual([200, 200]);
      for (const id of privateIds()) expect(await asStrangers(`/api/v1/statuses/${id}/context`)).toEqual(hidden(id));
    },
  },
  {
    name: "favourited_by, reblogged_by, history and source of hidden statuses are 404",
    async run() {
      for (const id of privateIds()) {
        for (const what of ["favourited_by", "reblogged_by", "history"]) expect(await asStrangers(`/api/v1/statuses/${id}/${what}`)).toEqual(hidden(id));
        expect((await leakFree(t.call(`/api/v1/statuses/${id}/source`, val.token))).status).toBe(404);
      }
    },
  },
  {
    name: "the public timelines (all, local, remote, only media) leave them out",
    async run() {
      for (const query of ["", "?local=true", "?remote=true", "?only_media=true"]) {
        expect(await asStrangers(`/api/v1/timelines/public${query}`)).toEqual([200, 200]);
      }
    },
  },
  {
    name: "the hashtag timelines leave them out",
    async run() {
      expect(await asStrangers(`/api/v1/timelines/tag/${TAG}`)).toEqual([200, 200]);
      expect(await asStrangers(`/api/v1/timelines/tag/${TAG}?local=true`)).toEqual([200, 200]);
      expect(await asStrangers(`/api/v1/timelines/tag/${TAG}?any[]=other`)).toEqual([200, 200]);
    },
  },
  {
    name: "val's home timeline holds neither bea's new posts nor fay's boost of them",
    async run() {
      const { status, body } = await leakFree(t.call("/api/v1/timelines/home", val.token));
      expect(status).toBe(200);
      expect(body).toContain("controlpost");
    },
  },
  {
    name: "val's list timeline (bea was on it before the block) leaves bea out",
    async run() {
      expect((await leakFree(t.call(`/api/v1/timelines/list/${ids.list}`, val.token))).status).toBe(200);
    },
  },
  {
    name: "the link timeline leaves them out",
    async run() {
      const statuses = await asStrangers(`/api/v1/timelines/link?url=${encodeURIComponent("https://news.example/leak")}`);
      for (const status of statuses) expect([200, 404]).toContain(status);
    },
  },
  {
    name: "the direct timeline and conversations of val leave them out",
    async run() {
      expect((await leakFree(t.call("/api/v1/conversations", val.token))).status).toBe(200);
      const direct = await leakFree(t.call("/api/v1/timelines/direct", val.token));
      expect([200, 404, 410]).toContain(direct.status);
    },
  },
  {
    name: "full-text search finds no canary",
    async run() {
      for (const c of ALL) {
        for (const type of ["", "&type=statuses"]) {
          const [asVal, anonymous] = await asStrangers(`/api/v2/search?q=${c}${type}`);
          expect(asVal).toBe(200);
          expect([200, 401]).toContain(anonymous);
        }
      }
      const { body } = await leakFree(t.call(`/api/v2/search?q=${CANARIES.priv}&type=statuses`, val.token));
      expect(JSON.parse(body).statuses).toEqual([]);
    },
  },
  {
    name: "search by the hidden statuses' URIs resolves nothing",
    async run() {
      for (const uri of [uris.priv, uris.dm]) {
        const { status, body } = await leakFree(t.call(`/api/v2/search?q=${encodeURIComponent(uri)}&resolve=true`, val.token));
        expect(status).toBe(200);
        expect(JSON.parse(body).statuses).toEqual([]);
      }
    },
  },
  {
    name: "notifications (v1 and grouped v2) of val carry no canary",
    async run() {
      for (const path of ["/api/v1/notifications", "/api/v2/notifications", "/api/v1/notifications?types[]=mention"]) {
        expect((await leakFree(t.call(path, val.token))).status).toBe(200);
      }
    },
  },
  {
    name: "account statuses of olive and bea leave hidden ones out (pinned, replies, media, tagged too)",
    async run() {
      for (const who of [olive, bea]) {
        for (const query of ["", "?pinned=true", "?exclude_replies=true", "?only_media=true", `?tagged=${TAG}`]) {
          expect(await asStrangers(`/api/v1/accounts/${who.id}/statuses${query}`)).toEqual([200, 200]);
        }
      }
    },
  },
  {
    name: "favouriting, bookmarking, boosting, pinning, muting or replying to a hidden status is 404, and leaves no trace",
    async run() {
      for (const id of privateIds()) {
        for (const action of ["favourite", "bookmark", "reblog", "pin", "mute"]) {
          expect((await leakFree(t.send("POST", `/api/v1/statuses/${id}/${action}`, val.token))).status).toBe(404);
        }
        const reply = await leakFree(t.send("POST", "/api/v1/statuses", val.token, { status: "reply", in_reply_to_id: id }));
        expect(reply.status).toBe(404);
      }
      expect((await leakFree(t.call("/api/v1/bookmarks", val.token))).status).toBe(200);
      expect((await leakFree(t.call("/api/v1/favourites", val.token))).status).toBe(200);
    },
  },
  {
    name: "the poll of the followers-only status is 404, and so is voting in it",
    async run() {
      expect(await asStrangers(`/api/v1/polls/${ids.poll}`)).toEqual([404, 404]);
      expect((await leakFree(t.send("POST", `/api/v1/polls/${ids.poll}/votes`, val.token, { choices: [0] }))).status).toBe(404);
    },
  },
  {
    name: "trending statuses leave them out",
    async run() {
      expect(await asStrangers("/api/v1/trends/statuses")).toEqual([200, 200]);
    },
  },
  {
    name: "streaming over SSE (public, local, hashtag, user, direct) delivered the control and no canary",
    async run() {
      for (const stream of sse) {
        expect(stream.events.some((e) => e.payload?.includes("controlpost"))).toBe(true);
        for (const c of ALL) expect(stream.text()).not.toContain(c);
      }
      // Without a token there is no stream at all.
      expect((await leakFree(t.call("/api/v1/streaming/public", null))).status).toBe(401);
    },
  },
  {
    name: "streaming over WebSocket (public, hashtag, user, direct) delivered the control and no canary",
    async run() {
      const payloads = socket.received.map((e: ReceivedEvent) => JSON.stringify(e));
      for (const stream of ["public", "hashtag", "user", "direct"]) {
        expect(socket.received.some((e) => e.stream?.[0] === stream && e.payload?.includes("controlpost"))).toBe(true);
      }
      for (const c of ALL) for (const payload of payloads) expect(payload).not.toContain(c);
    },
  },
  {
    name: "web pages and feeds of olive and of the statuses carry no canary",
    async run() {
      const html = { Accept: "text/html" };
      for (const path of ["/", "/@olive", "/@olive.rss", "/users/olive.rss", "/@olive/" + ids.priv, "/@bea/" + ids.block, "/users/olive", "/tags/" + TAG, "/tags/" + TAG + ".rss"]) {
        const answer = await leakFree(t.call(path, null, { headers: html }), NOT_PUBLIC, path);
        expect(answer.status).toBeLessThan(500);
      }
      for (const uri of [uris.priv, uris.dm]) expect((await leakFree(t.call(new URL(uri).pathname, null, { headers: html }), NOT_PUBLIC, uri)).status).not.toBe(200);
    },
  },
  {
    name: "ActivityPub: unsigned GETs of the hidden notes and of the outbox carry no canary",
    async run() {
      const ap = { Accept: "application/activity+json" };
      for (const uri of [uris.priv, uris.dm]) {
        const { status } = await leakFree(t.call(new URL(uri).pathname, null, { headers: ap }), NOT_PUBLIC, uri);
        expect([401, 403, 404, 410]).toContain(status);
        expect((await leakFree(t.call(`${new URL(uri).pathname}/activity`, null, { headers: ap }), NOT_PUBLIC)).status).not.toBe(200);
      }
      const outbox = await leakFree(t.call("/users/olive/outbox", null, { headers: ap }), NOT_PUBLIC);
      expect(outbox.status).toBe(200);
      const first = JSON.parse(outbox.body).first;
      if (first) expect((await leakFree(t.call(new URL(typeof first === "string" ? first : first.id).pathname + new URL(typeof first === "string" ? first : first.id).search, null, { headers: ap }), NOT_PUBLIC)).status).toBe(200);
      expect((await leakFree(t.call("/users/olive/collections/featured", null, { headers: ap }), NOT_PUBLIC)).status).toBe(200);
    },
  },
];

beforeAll(async () => {
  t = await startApiTest();
  server = await serveOnLoopback(t.app);
  [olive, fay, dan, val, bea] = await Promise.all(["olive", "fay", "dan", "val", "bea"].map((name) => t.user(name))) as TestUser[] as [TestUser, TestUser, TestUser, TestUser, TestUser];
  await t.follow(fay, olive);
  await t.follow(fay, bea);
  await t.follow(val, fay);
  await t.follow(val, bea);
  const list = await t.json<{ id: string }>(t.send("POST", "/api/v1/lists", val.token, { title: "watch" }));
  ids.list = list.id;
  expect((await t.send("POST", `/api/v1/lists/${list.id}/accounts`, val.token, { account_ids: [bea.id] })).status).toBe(200);
  expect((await t.send("POST", `/api/v1/accounts/${val.id}/block`, bea.token)).status).toBe(200);

  // val listens everywhere before anything is posted.
  const streamPaths = ["/api/v1/streaming/public", "/api/v1/streaming/public/local", `/api/v1/streaming/hashtag?tag=${TAG}`, "/api/v1/streaming/user", "/api/v1/streaming/direct"];
  for (const path of streamPaths) sse.push(readEventStream(await t.call(path, val.token)));
  socket = await openSocket(`ws://127.0.0.1:${server.port}/api/v1/streaming?access_token=${val.token}`);
  for (const message of [{ stream: "public" }, { stream: "hashtag", tag: TAG }, { stream: "user" }, { stream: "direct" }]) socket.send({ type: "subscribe", ...message });
  await socket.settle();

  ids.thread = (await t.post(olive, `thread root #${TAG}`)).id;
  ids.valPost = (await t.post(val, "val says hello")).id;
  const priv = await t.json<{ id: string; uri: string; poll: { id: string } }>(t.send("POST", "/api/v1/statuses", olive.token, {
    status: `${CANARIES.priv} #${TAG} https://news.example/leak`, visibility: "private", in_reply_to_id: ids.thread,
    poll: { options: ["yes", "no"], expires_in: 3600 },
  }));
  ids.priv = priv.id;
  ids.poll = priv.poll.id;
  const dm = await t.json<{ id: string; uri: string }>(t.send("POST", "/api/v1/statuses", olive.token, { status: `@dan ${CANARIES.dm} #${TAG}`, visibility: "direct", in_reply_to_id: ids.thread }));
  ids.dm = dm.id;
  uris = { priv: priv.uri, dm: dm.uri };
  ids.reply = (await t.post(olive, `${CANARIES.reply}`, { visibility: "private", in_reply_to_id: ids.valPost })).id;
  ids.block = (await t.post(bea, `@val ${CANARIES.block} #${TAG} https://news.example/leak`)).id;
  const boosted = (await t.post(bea, `${CANARIES.boost} #${TAG}`)).id;
  ids.boost = (await t.json<{ id: string }>(t.send("POST", `/api/v1/statuses/${boosted}/reblog`, fay.token))).id;
  ids.selfBoost = (await t.json<{ id: string }>(t.send("POST", `/api/v1/statuses/${ids.priv}/reblog`, olive.token))).id;
  ids.fayReply = (await t.post(fay, `@bea nice #${TAG}`, { in_reply_to_id: ids.block })).id;
  // Edits go out as status.update events: the edited text must not either.
  // (The poll's status stays as it is: an edit without the poll would remove it, as in Mastodon.)
  for (const id of [ids.reply, ids.dm]) {
    const edited = await t.send("PUT", `/api/v1/statuses/${id}`, olive.token, { status: `${CANARIES.edited} #${TAG}${id === ids.dm ? " @dan" : ""}` });
    expect(edited.status).toBe(200);
  }
  expect((await t.send("POST", `/api/v1/statuses/${ids.priv}/favourite`, fay.token)).status).toBe(200);
  expect((await t.send("POST", `/api/v1/statuses/${ids.block}/favourite`, fay.token)).status).toBe(200);
  expect((await t.send("POST", `/api/v1/statuses/${ids.dm}/favourite`, dan.token)).status).toBe(200);
  expect((await t.send("POST", `/api/v1/polls/${ids.poll}/votes`, fay.token, { choices: [0] })).status).toBe(200);

  // The control comes last: once val's streams have it, anything before it was sent too.
  await t.post(fay, `controlpost #${TAG}`);
  await t.post(fay, "@val controlpost", { visibility: "direct" });
  for (const [i, stream] of sse.entries()) await stream.waitFor((e) => e.payload?.includes("controlpost") ?? false, `the control on SSE stream ${i} (${stream.response.status}: ${stream.text().slice(0, 200)})`);
  for (const stream of ["public", "hashtag", "user", "direct"]) {
    await socket.waitFor((e) => e.stream?.[0] === stream && (e.payload?.includes("controlpost") ?? false), `the control on the ${stream} socket stream`);
  }
});
afterAll(async () => {
  socket?.close();
  for (const stream of sse) await stream.close();
  await server?.close();
  await t?.app.dispose();
});

describe("hostile input: visibility leaks through the API, streaming, pages and ActivityPub", () => {
  runCases("visibility (one instance)", cases);
});
