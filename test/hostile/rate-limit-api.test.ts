// Hostile input, rate limits (issue 4): one table of cases, one per limit of
// the client API, the token endpoint and the sign-in and sign-up forms. Each
// case spends a small budget (rateLimitOverrides) from one client address or
// account, asserts the 429 with Mastodon's X-RateLimit-* headers, and that
// another address or account still gets through.
import { afterAll, beforeAll, describe, expect } from "vitest";
import { type Case, runCases } from "../helpers/case-table.ts";
import { rateLimitBuckets } from "../../src/api/mastodon/middleware/rate-limit-buckets.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { makePng, type MediaTestApp, multipart, startMediaTestApp } from "../helpers/media.ts";
import { issueToken } from "../helpers/tokens.ts";

const origin = "https://parley.test";
const PASSWORD = "correct horse battery staple";
const BUDGET = 2;
let app: MediaTestApp;
let aliceId: string, bobId: string;
let client: { client_id: string; client_secret: string };
let address = 0;

/** A fresh client address (the instance trusts X-Forwarded-For here). */
const newAddress = () => `198.51.100.${++address}`;

async function send(path: string, init: { from: string; token?: string; json?: unknown; form?: Record<string, string>; body?: FormData; method?: string }): Promise<Response> {
  const headers = new Headers({ "X-Forwarded-For": init.from });
  if (init.token) headers.set("Authorization", `Bearer ${init.token}`);
  let body: BodyInit | undefined = init.body;
  if (init.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(init.json);
  } else if (init.form) {
    headers.set("Content-Type", "application/x-www-form-urlencoded");
    body = new URLSearchParams(init.form);
  }
  return app.fetch(new Request(`${origin}${path}`, { method: init.method ?? (body ? "POST" : "GET"), headers, body }));
}

/** Asserts Mastodon's refusal: 429, the headers, and a JSON error (or a page for the browser forms). */
async function expectLimited(response: Response, limit: number, page = false): Promise<void> {
  expect(response.status).toBe(429);
  expect(response.headers.get("X-RateLimit-Limit")).toBe(String(limit));
  expect(response.headers.get("X-RateLimit-Remaining")).toBe("0");
  expect(Date.parse(response.headers.get("X-RateLimit-Reset")!)).toBeGreaterThan(Date.now());
  if (page) {
    expect(response.headers.get("Content-Type")).toMatch(/text\/html/);
    expect(await response.text()).toContain("Too many attempts");
    return;
  }
  const body = await response.json();
  expectEntity(body, "Error");
  expect(body).toEqual({ error: "Too many requests" });
}

/** Sends `attempt` BUDGET times (each answered, whatever its status, with the headers), then once more: 429. */
async function spend(attempt: (i: number) => Promise<Response>, page = false): Promise<void> {
  for (let i = 0; i < BUDGET; i++) {
    const answer = await attempt(i);
    expect(answer.status).not.toBe(429);
    expect(answer.headers.get("X-RateLimit-Remaining")).toBe(String(BUDGET - 1 - i));
  }
  await expectLimited(await attempt(BUDGET), BUDGET, page);
}

let signUps = 0;
const signUpFields = () => ({ username: `new${++signUps}`, email: `new${signUps}@example.com`, password: PASSWORD, agreement: "true" });
const appToken = () => issueToken(app, null, "read write");
const passwordGrant = (from: string, password = "wrong", login = `nobody${++guesses}@example.com`) =>
  send("/oauth/token", { from, form: { grant_type: "password", username: login, password, ...client } });
const signInForm = (from: string, password = "guess", login = `nobody${++guesses}@example.com`) =>
  send("/auth/sign_in", { from, form: { email: login, password } });
let guesses = 0;
/** A new account's email: the per-account sign-in budget of each case is its own. */
async function freshLogin(): Promise<string> {
  const email = `login${++guesses}@example.com`;
  const created = await app.services.createLocalAccount({ username: `login${guesses}`, email, password: PASSWORD });
  if (!created.ok) throw new Error(created.message);
  return email;
}
const upload = async (from: string, token: string) => send("/api/v2/media", { from, token, body: multipart({ file: await makePng(4, 4) }) });

const cases: Case[] = [
  {
    name: "the defaults are Mastodon's",
    async run() {
      const figures = Object.fromEntries(rateLimitBuckets(300).map((b) => [b.name, [b.limit, b.periodMs / 60_000, b.per]]));
      expect(figures).toEqual({
        api: [300, 5, "caller"],
        "api-account": [1500, 5, "account"],
        "sign-up-api": [5, 30, "address"],
        "sign-up-form": [25, 5, "address"],
        "sign-in": [25, 5, "address"],
        "sign-in-account": [25, 60, "login"],
        apps: [5, 10, "address"],
        statuses: [300, 180, "account"],
        media: [30, 30, "account"],
      });
      expect(rateLimitBuckets(0)).toEqual([]);
    },
  },
  {
    name: "sign-up through the API: per address, whatever the app token",
    async run() {
      const from = newAddress();
      await spend(async () => send("/api/v1/accounts", { from, token: await appToken(), json: signUpFields() }));
      expect((await send("/api/v1/accounts", { from: newAddress(), token: await appToken(), json: signUpFields() })).status).toBe(200);
    },
  },
  {
    name: "sign-up form: per address, counted before the CSRF check",
    async run() {
      const from = newAddress();
      await spend(() => send("/auth/sign_up", { from, form: signUpFields() }), true);
      expect((await send("/auth/sign_up", { from: newAddress(), form: signUpFields() })).status).toBe(403);
    },
  },
  {
    name: "sign-in form: per address",
    async run() {
      const from = newAddress();
      await spend(() => signInForm(from), true);
      expect((await signInForm(newAddress())).status).toBe(403);
    },
  },
  {
    name: "password grant: per address, even with the right password once over",
    async run() {
      const from = newAddress();
      const login = await freshLogin();
      await spend((i) => passwordGrant(from, i === 0 ? PASSWORD : "wrong", login));
      await expectLimited(await passwordGrant(from, PASSWORD, login), BUDGET);
      expect((await passwordGrant(newAddress(), PASSWORD, await freshLogin())).status).toBe(200);
    },
  },
  {
    name: "password grant and sign-in form share one budget; other grants are not counted",
    async run() {
      const from = newAddress();
      expect((await signInForm(from)).status).toBe(403);
      expect((await passwordGrant(from)).status).toBe(400);
      await expectLimited(await passwordGrant(from), BUDGET);
      const credentials = await send("/oauth/token", { from, json: { grant_type: "client_credentials", ...client } });
      expect(credentials.status).toBe(200);
    },
  },
  {
    name: "sign-in per account: guesses at one account from many addresses, by form or grant, share one budget",
    async run() {
      // sign-in-account is 3 here, above the per-address budget, so that only it can refuse.
      expect((await signInForm(newAddress(), "guess", "Bob@Example.com")).status).toBe(403);
      expect((await passwordGrant(newAddress(), "guess", "bob@example.com")).status).toBe(400);
      expect((await signInForm(newAddress(), "guess", " bob@example.com")).status).toBe(403);
      await expectLimited(await passwordGrant(newAddress(), PASSWORD, "bob@example.com"), 3);
      await expectLimited(await signInForm(newAddress(), PASSWORD, "bob@example.com"), 3, true);
      // Another account is not held back.
      expect((await passwordGrant(newAddress(), PASSWORD, await freshLogin())).status).toBe(200);
    },
  },
  {
    name: "app registration: per address",
    async run() {
      const from = newAddress();
      await spend(() => send("/api/v1/apps", { from, json: { client_name: "Flood", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" } }));
      expect((await send("/api/v1/apps", { from: newAddress(), json: { client_name: "Fine", redirect_uris: "urn:ietf:wg:oauth:2.0:oob" } })).status).toBe(200);
    },
  },
  {
    name: "posting: per account over all its tokens and addresses, boosts included",
    async run() {
      const tokens = [await issueToken(app, aliceId), await issueToken(app, aliceId)];
      const first = await send("/api/v1/statuses", { from: newAddress(), token: tokens[0], json: { status: "one" } });
      expect(first.status).toBe(200);
      const id = (await first.json() as { id: string }).id;
      expect((await send(`/api/v1/statuses/${id}/reblog`, { from: newAddress(), token: tokens[1], method: "POST" })).status).toBe(200);
      await expectLimited(await send("/api/v1/statuses", { from: newAddress(), token: tokens[1], json: { status: "three" } }), BUDGET);
      // Reading goes on, and bob posts.
      expect((await send("/api/v1/timelines/home", { from: newAddress(), token: tokens[0] })).status).toBe(200);
      expect((await send("/api/v1/statuses", { from: newAddress(), token: await issueToken(app, bobId), json: { status: "bob" } })).status).toBe(200);
    },
  },
  {
    name: "media upload: per account over all its tokens",
    async run() {
      const carol = await app.services.createLocalAccount({ username: "carol", email: "carol@example.com", password: PASSWORD });
      if (!carol.ok) throw new Error(carol.message);
      await spend(async () => upload(newAddress(), await issueToken(app, carol.value.id)));
      expect([200, 202]).toContain((await upload(newAddress(), await issueToken(app, bobId))).status);
    },
  },
  {
    name: "API in general: per token",
    async run() {
      const token = await issueToken(app, bobId);
      const from = newAddress();
      for (let i = 0; i < 3; i++) expect((await send("/api/v1/accounts/verify_credentials", { from, token })).status).toBe(200);
      await expectLimited(await send("/api/v1/accounts/verify_credentials", { from, token }), 3);
    },
  },
  {
    name: "API in general: per address without a token, bad tokens counted by token",
    async run() {
      const from = newAddress();
      for (let i = 0; i < 3; i++) expect((await send("/api/v2/instance", { from })).status).toBe(200);
      await expectLimited(await send("/api/v2/instance", { from }), 3);
      const forged = await send("/api/v2/instance", { from, token: "forged" });
      expect(forged.status).toBe(401);
      expect(forged.headers.get("X-RateLimit-Remaining")).toBe("2");
    },
  },
  {
    name: "API in general: per account, so that many tokens do not multiply the budget",
    async run() {
      const dave = await app.services.createLocalAccount({ username: "dave", email: "dave@example.com", password: PASSWORD });
      if (!dave.ok) throw new Error(dave.message);
      const answers = [];
      // api-account is 5 here; each token alone stays under its own 3.
      for (let i = 0; i < 6; i++) answers.push(await send("/api/v1/accounts/verify_credentials", { from: newAddress(), token: await issueToken(app, dave.value.id) }));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 429]);
      await expectLimited(answers[5]!, 5);
    },
  },
  {
    name: "the headers come on token-endpoint and form answers too",
    async run() {
      const answer = await passwordGrant(newAddress(), PASSWORD, await freshLogin());
      expect(answer.status).toBe(200);
      expect(answer.headers.get("X-RateLimit-Limit")).toBe(String(BUDGET));
      const page = await send("/auth/sign_in", { from: newAddress(), form: { email: "x", password: "y" } });
      expect(page.headers.get("X-RateLimit-Remaining")).toBe(String(BUDGET - 1));
    },
  },
];

beforeAll(async () => {
  app = await startMediaTestApp(origin, {
    apiRateLimit: 3,
    trustProxy: true,
    registrations: "open",
    rateLimitOverrides: { "api-account": 5, "sign-up-api": BUDGET, "sign-up-form": BUDGET, "sign-in": BUDGET, "sign-in-account": 3, apps: BUDGET, statuses: BUDGET, media: BUDGET },
  });
  const alice = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: PASSWORD });
  const bob = await app.services.createLocalAccount({ username: "bob", email: "bob@example.com", password: PASSWORD });
  if (!alice.ok || !bob.ok) throw new Error("accounts");
  [aliceId, bobId] = [alice.value.id, bob.value.id];
  const registered = await send("/api/v1/apps", { from: "192.0.2.1", json: { client_name: "Limits", redirect_uris: "urn:ietf:wg:oauth:2.0:oob", scopes: "read write" } });
  client = await registered.json() as typeof client;
});
afterAll(async () => {
  await app?.dispose();
});

describe("hostile input: API rate limits", () => {
  runCases("API rate-limit", cases);
});
