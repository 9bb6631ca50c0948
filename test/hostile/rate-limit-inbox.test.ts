// Hostile input, inbox rate limits (issue 4, docs/adr/0020-inbox-rate-limits.md):
// one table of cases. The rig case floods a's inbox with activities signed by
// a real actor of b while a local user of a keeps using the API and c keeps
// delivering; b gets 429s with Retry-After, the user only 2xx, and c's
// activities all arrive. The other cases drive the middleware on a clock.
import { signRequest } from "@fedify/fedify";
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type Case, runCases } from "../helpers/case-table.ts";
import { claimedSigningHost, inboxRateLimit } from "../../src/web/inbox-rate-limit.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";
const PER_MINUTE = 10;
const FLOOD = 40;
let rig: Rig;
let a: RigInstance, b: RigInstance, c: RigInstance;

/** Activities signed with the real RSA key of `username` on `from`, posted to `inbox` all at once. */
async function flood(from: RigInstance, username: string, inbox: URL, count: number): Promise<Response[]> {
  const ctx = from.app.federation.createContext(from.url, from.app.contextData);
  const [key] = await ctx.getActorKeyPairs(username);
  const actor = ctx.getActorUri(username).href;
  const requests = [];
  for (let n = 0; n < count; n++) {
    const body = JSON.stringify({
      "@context": "https://www.w3.org/ns/activitystreams",
      id: `${actor}/flood/${n}`,
      type: "Create",
      actor,
      to: [PUBLIC],
      object: { id: `${actor}/flood/${n}/note`, type: "Note", attributedTo: actor, to: [PUBLIC], content: `<p>flood ${n}</p>`, published: new Date().toISOString() },
    });
    const request = new Request(inbox, { method: "POST", headers: { "Content-Type": "application/activity+json" }, body });
    requests.push(await signRequest(request, key!.privateKey, key!.keyId, { spec: "draft-cavage-http-signatures-12" }));
  }
  return Promise.all(requests.map((request) => fetch(request)));
}

/** A bare app with only the inbox limit in front of a 202, on a clock the case moves. */
function limitedInbox(clock: { now: number }, perMinute = 2) {
  const app = new Hono();
  app.use(inboxRateLimit({ inboxRateLimit: perMinute, trustProxy: true }, () => clock.now));
  app.post("*", (c) => c.body(null, 202));
  app.get("*", (c) => c.body(null, 200));
  return (path: string, keyId: string | null, from = "192.0.2.1", method = "POST") =>
    app.request(path, {
      method,
      headers: { "X-Forwarded-For": from, ...(keyId ? { Signature: `keyId="${keyId}",algorithm="rsa-sha256",headers="(request-target) host date digest",signature="AAAA"` } : {}) },
    });
}

const cases: Case[] = [
  {
    name: "a flood from one host gets 429 with Retry-After while local API requests and another host's activities go through",
    // The flood, then up to 60 s for c's mentions and 90 s for b's after Retry-After.
    timeoutMs: 240_000,
    async run() {
      const alice = await a.createAccount("alice");
      const bob = await b.createAccount("bob");
      const carol = await c.createAccount("carol");
      const token = await issueToken(a.app, alice.id);
      const local = () => fetch(new URL("/api/v1/timelines/home", a.url), { headers: { Authorization: `Bearer ${token}` } });
      const posted = () => fetch(new URL("/api/v1/statuses", a.url), { method: "POST", headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" }, body: JSON.stringify({ status: "still here" }) });

      const [floodAnswers, localAnswers] = await Promise.all([
        flood(b, "bob", new URL("/inbox", a.url), FLOOD),
        Promise.all([...Array.from({ length: 15 }, local), ...Array.from({ length: 5 }, posted)]),
        (async () => {
          for (let n = 0; n < 3; n++) await c.post(carol, `@alice@${a.host} hello ${n}`);
        })(),
      ]);

      const statuses = floodAnswers.map((r) => r.status);
      const refused = floodAnswers.filter((r) => r.status === 429);
      const accepted = statuses.filter((s) => s >= 200 && s < 300).length;
      // Everything was either taken (signature verified, queued) or refused before that.
      expect(accepted + refused.length).toBe(FLOOD);
      expect(accepted).toBeGreaterThanOrEqual(PER_MINUTE);
      expect(refused.length).toBeGreaterThanOrEqual(FLOOD - PER_MINUTE - 5);
      for (const answer of refused) expect(Number(answer.headers.get("Retry-After"))).toBeGreaterThanOrEqual(1);
      expect(localAnswers.map((r) => r.status).every((s) => s >= 200 && s < 300)).toBe(true);

      // c's deliveries (its own bucket) all reached alice. The deadline is generous: on a loaded
      // machine a delivery that timed out during the flood comes back on Fedify's retry.
      await eventually(async () => {
        const mentions = await a.app.database.db.selectFrom("notifications").select("id").where("account_id", "=", alice.id).where("type", "=", "mention").execute();
        return mentions.length === 3;
      }, { what: "c's three mentions to reach alice", timeoutMs: 60_000 });

      // b's own deliveries meet the empty bucket too: Fedify honours Retry-After (its circuit
      // breaker does not count a 429) and the mention arrives once tokens are back.
      await b.post(bob, `@alice@${a.host} after the flood`);
      await eventually(async () => {
        const fromBob = await a.app.database.db.selectFrom("notifications").innerJoin("accounts", "accounts.id", "notifications.from_account_id")
          .select("notifications.id").where("notifications.account_id", "=", alice.id).where("accounts.username", "=", "bob").execute();
        return fromBob.length === 1;
      }, { what: "b's mention to arrive after Retry-After", timeoutMs: 90_000 });
    },
  },
  {
    name: "the bucket refills at the configured rate and Retry-After says when",
    async run() {
      const clock = { now: Date.UTC(2030, 0, 1) };
      const send = limitedInbox(clock);
      expect((await send("/inbox", "https://flood.example/users/x#main-key")).status).toBe(202);
      expect((await send("/users/alice/inbox", "https://flood.example/users/y#main-key")).status).toBe(202);
      const refused = await send("/inbox", "https://flood.example/users/x#main-key");
      expect(refused.status).toBe(429);
      expect(refused.headers.get("Retry-After")).toBe("30");
      clock.now += 30_000;
      expect((await send("/inbox", "https://flood.example/users/x#main-key")).status).toBe(202);
      expect((await send("/inbox", "https://flood.example/users/x#main-key")).status).toBe(429);
    },
  },
  {
    name: "a forger naming another host from another address does not spend that host's bucket",
    async run() {
      const send = limitedInbox({ now: Date.UTC(2030, 0, 1) });
      for (let i = 0; i < 5; i++) await send("/inbox", "https://victim.example/users/v#main-key", "203.0.113.66");
      expect((await send("/inbox", "https://victim.example/users/v#main-key", "203.0.113.66")).status).toBe(429);
      expect((await send("/inbox", "https://victim.example/users/v#main-key", "192.0.2.10")).status).toBe(202);
    },
  },
  {
    name: "each host has its own bucket; unsigned posts share one per address",
    async run() {
      const send = limitedInbox({ now: Date.UTC(2030, 0, 1) });
      for (let i = 0; i < 3; i++) await send("/inbox", "https://one.example/actor#key");
      expect((await send("/inbox", "https://two.example/actor#key")).status).toBe(202);
      for (let i = 0; i < 2; i++) expect((await send("/inbox", null)).status).toBe(202);
      expect((await send("/inbox", null)).status).toBe(429);
    },
  },
  {
    name: "only inbox POSTs are counted, and 0 turns the limit off",
    async run() {
      const send = limitedInbox({ now: Date.UTC(2030, 0, 1) });
      for (let i = 0; i < 5; i++) expect((await send("/users/alice/outbox", "https://one.example/a#k", "192.0.2.1", "GET")).status).toBe(200);
      for (let i = 0; i < 5; i++) expect((await send("/users/alice/statuses/1", "https://one.example/a#k")).status).toBe(202);
      const off = limitedInbox({ now: 0 }, 0);
      for (let i = 0; i < 5; i++) expect((await off("/inbox", "https://one.example/a#k")).status).toBe(202);
    },
  },
  {
    name: "the signing host is read from draft-cavage and RFC 9421 headers, lower-cased, and never from junk",
    async run() {
      expect(claimedSigningHost(`keyId="https://Mastodon.Example:8443/users/a#main-key",headers="date"`)).toBe("mastodon.example:8443");
      expect(claimedSigningHost(`sig1=("@method" "@target-uri");keyid="https://rfc.example/key";alg="rsa-v1_5-sha256"`)).toBe("rfc.example");
      expect(claimedSigningHost(`keyId="not a url"`)).toBe("");
      expect(claimedSigningHost(undefined)).toBe("");
    },
  },
];

beforeAll(async () => {
  rig = await startRig(["a", "b", "c"], {}, { a: { inboxRateLimit: PER_MINUTE } });
  [a, b, c] = rig.instances as [RigInstance, RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

describe("hostile input: inbox rate limits per remote host", () => {
  runCases("inbox rate-limit", cases);
});
