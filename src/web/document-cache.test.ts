import { describe, expect, it } from "vitest";
import { createDocumentCache } from "./document-cache.ts";

const origin = "https://parley.test";
const get = (path: string, accept = "application/activity+json") => new Request(`${origin}${path}`, { headers: { Accept: accept } });

function producer(status = 200) {
  let calls = 0;
  const produce = async () => new Response(JSON.stringify({ n: ++calls }), { status, headers: { "Content-Type": "application/activity+json", Vary: "Accept" } });
  return { produce, calls: () => calls };
}

describe("document cache", () => {
  it("keeps 200 answers to actor, WebFinger and NodeInfo GETs until they expire", async () => {
    let now = 0;
    const cache = createDocumentCache({ ttlMs: 1_000, now: () => now });
    for (const path of ["/users/alice", "/.well-known/webfinger?resource=acct:alice@parley.test", "/nodeinfo/2.1", "/.well-known/nodeinfo"]) {
      const { produce, calls } = producer();
      expect(await (await cache.answer(get(path), produce)).json()).toEqual({ n: 1 });
      const again = await cache.answer(get(path), produce);
      expect(await again.json()).toEqual({ n: 1 });
      expect(again.headers.get("content-type")).toBe("application/activity+json");
      expect(calls()).toBe(1);
    }
    now = 1_001;
    const { produce } = producer();
    expect(await (await cache.answer(get("/users/alice"), produce)).json()).toEqual({ n: 1 });
    expect(await (await cache.answer(get("/users/alice"), produce)).json()).toEqual({ n: 1 });
  });

  it("keeps nothing else: other paths and methods, other statuses, another Accept is another entry", async () => {
    const cache = createDocumentCache();
    const notes = producer();
    await cache.answer(get("/users/alice/statuses/1"), notes.produce);
    await cache.answer(get("/users/alice/statuses/1"), notes.produce);
    expect(notes.calls()).toBe(2);
    const posts = producer();
    await cache.answer(new Request(`${origin}/users/alice`, { method: "POST", body: "{}" }), posts.produce);
    await cache.answer(new Request(`${origin}/users/alice`, { method: "POST", body: "{}" }), posts.produce);
    expect(posts.calls()).toBe(2);
    const missing = producer(404);
    await cache.answer(get("/users/nobody"), missing.produce);
    await cache.answer(get("/users/nobody"), missing.produce);
    expect(missing.calls()).toBe(2);
    const negotiated = producer();
    await cache.answer(get("/users/alice"), negotiated.produce);
    await cache.answer(get("/users/alice", "text/html"), negotiated.produce);
    expect(negotiated.calls()).toBe(2);
  });

  it("forgets account documents on invalidation, NodeInfo only when it expires", async () => {
    const cache = createDocumentCache();
    const actor = producer();
    const nodeinfo = producer();
    await cache.answer(get("/users/alice"), actor.produce);
    await cache.answer(get("/nodeinfo/2.1"), nodeinfo.produce);
    cache.invalidateAccounts();
    expect(await (await cache.answer(get("/users/alice"), actor.produce)).json()).toEqual({ n: 2 });
    await cache.answer(get("/nodeinfo/2.1"), nodeinfo.produce);
    expect(nodeinfo.calls()).toBe(1);
  });

  it("does not keep an answer produced while an account changed", async () => {
    const cache = createDocumentCache();
    const stale = cache.answer(get("/users/alice"), async () => {
      cache.invalidateAccounts(); // the profile changed while the old document was being built
      return new Response("old", { status: 200 });
    });
    expect(await (await stale).text()).toBe("old");
    expect(await (await cache.answer(get("/users/alice"), async () => new Response("new", { status: 200 }))).text()).toBe("new");
  });

  it("holds at most maxEntries answers, dropping the oldest", async () => {
    const cache = createDocumentCache({ maxEntries: 2 });
    const { produce, calls } = producer();
    for (const name of ["a", "b", "c", "a"]) await cache.answer(get(`/users/${name}`), produce);
    expect(calls()).toBe(4);
  });
});
