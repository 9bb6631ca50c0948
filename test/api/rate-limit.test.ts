// Rate limits of the client API: Mastodon's X-RateLimit-* headers on every
// /api/* answer, 429 over the limit, one count per token (or per client
// address without one), fixed windows that reset, and X-Forwarded-For
// believed only when the operator trusts the proxy.
import { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ApiEnv } from "../../src/api/mastodon/env.ts";
import { rateLimits } from "../../src/api/mastodon/middleware/rate-limit.ts";
import { startTestApp } from "../helpers/app.ts";
import { expectEntity } from "../helpers/openapi.ts";
import { issueToken } from "../helpers/tokens.ts";

const origin = "https://parley.test";
let app: Awaited<ReturnType<typeof startTestApp>>;
let token: string, otherToken: string;

const get = (path: string, headers: Record<string, string> = {}) => app.fetch(new Request(`${origin}${path}`, { headers }));
const bearer = (value: string) => ({ Authorization: `Bearer ${value}` });

beforeAll(async () => {
  app = await startTestApp(origin, { apiRateLimit: 3 });
  const alice = await app.services.createLocalAccount({ username: "alice", email: "alice@example.com", password: "long enough password" });
  if (!alice.ok) throw new Error(alice.message);
  token = await issueToken(app, alice.value.id);
  otherToken = await issueToken(app, alice.value.id);
});
afterAll(async () => {
  await app?.dispose();
});

describe("API rate limits", () => {
  it("announces the limit on every answer and refuses with 429 beyond it, per token", async () => {
    const answers = [];
    for (let i = 0; i < 4; i++) answers.push(await get("/api/v1/accounts/verify_credentials", bearer(token)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 429]);
    expect(answers.map((r) => r.headers.get("X-RateLimit-Remaining"))).toEqual(["2", "1", "0", "0"]);
    for (const answer of answers) {
      expect(answer.headers.get("X-RateLimit-Limit")).toBe("3");
      const reset = answer.headers.get("X-RateLimit-Reset")!;
      expect(reset).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(Date.parse(reset)).toBeGreaterThan(Date.now());
      expect(Date.parse(reset) - Date.now()).toBeLessThanOrEqual(5 * 60_000);
    }
    const refused = await answers[3]!.json();
    expectEntity(refused, "Error");
    expect(refused).toEqual({ error: "Too many requests" });
    // Another token has its own count; so do anonymous callers.
    expect((await get("/api/v1/accounts/verify_credentials", bearer(otherToken))).status).toBe(200);
    expect((await get("/api/v2/instance")).headers.get("X-RateLimit-Remaining")).toBe("2");
  });

  it("counts every /api answer, errors too, and nothing outside /api", async () => {
    const missing = await get("/api/v1/nothing/here", bearer("unknown-token"));
    expect(missing.status).toBe(401);
    expect(missing.headers.get("X-RateLimit-Limit")).toBe("3");
    const webfinger = await get("/.well-known/nodeinfo");
    expect(webfinger.headers.get("X-RateLimit-Limit")).toBeNull();
  });

  it("resets at the end of the window", async () => {
    let clock = Date.UTC(2030, 0, 1, 12, 0, 30);
    const api = new Hono<ApiEnv>();
    api.use("/api/*", rateLimits({ apiRateLimit: 2 }, () => clock).byCaller);
    api.get("/api/ping", (c) => c.json({}));
    const ping = () => api.request("/api/ping");
    expect((await ping()).status).toBe(200);
    expect((await ping()).status).toBe(200);
    const refused = await ping();
    expect(refused.status).toBe(429);
    expect(refused.headers.get("X-RateLimit-Reset")).toBe("2030-01-01T12:05:00.000Z");
    clock = Date.UTC(2030, 0, 1, 12, 5, 0);
    const again = await ping();
    expect(again.status).toBe(200);
    expect(again.headers.get("X-RateLimit-Remaining")).toBe("1");
  });

  it("takes the address from X-Forwarded-For only behind a trusted proxy", async () => {
    const forwardedFrom = (address: string) => ({ "X-Forwarded-For": `203.0.113.9, ${address}` });
    for (const [trustProxy, separate] of [[true, true], [false, false]] as const) {
      const api = new Hono<ApiEnv>();
      api.use("/api/*", rateLimits({ apiRateLimit: 1, trustProxy }).byCaller);
      api.get("/api/ping", (c) => c.json({}));
      expect((await api.request("/api/ping", { headers: forwardedFrom("198.51.100.1") })).status).toBe(200);
      // The client-written first entry changes nothing; the proxy's last entry does, if trusted.
      expect((await api.request("/api/ping", { headers: { "X-Forwarded-For": "192.0.2.77, 198.51.100.1" } })).status).toBe(429);
      expect((await api.request("/api/ping", { headers: forwardedFrom("198.51.100.2") })).status).toBe(separate ? 200 : 429);
    }
  });

  it("is off with a limit of 0", async () => {
    const api = new Hono<ApiEnv>();
    api.use("/api/*", rateLimits({ apiRateLimit: 0 }).byCaller);
    api.get("/api/ping", (c) => c.json({}));
    for (let i = 0; i < 5; i++) {
      const answer = await api.request("/api/ping");
      expect(answer.status).toBe(200);
      expect(answer.headers.get("X-RateLimit-Limit")).toBeNull();
    }
  });
});
