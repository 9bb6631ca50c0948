// Markers: saved read positions with a version that grows with each save.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let alice: TestUser, bob: TestUser;
type Markers = Record<string, { last_read_id: string; version: number; updated_at: string }>;

beforeAll(async () => {
  t = await startApiTest();
  [alice, bob] = [await t.user("alice"), await t.user("bob")];
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("markers", () => {
  it("saves positions, bumps versions, and reads back the asked timelines only", async () => {
    expect(await t.json(t.call("/api/v1/markers?timeline[]=home&timeline[]=notifications", alice.token))).toEqual({});
    const form = new URLSearchParams({ "home[last_read_id]": "117000000000000001" });
    const saved = await t.json<Markers>(t.call("/api/v1/markers", alice.token, { method: "POST", body: form, headers: { "Content-Type": "application/x-www-form-urlencoded" } }));
    expectEntity(saved.home, "Marker");
    expect(saved.home).toMatchObject({ last_read_id: "117000000000000001", version: 0 });
    expect(saved.notifications).toBeUndefined();

    const both = await t.json<Markers>(t.send("POST", "/api/v1/markers", alice.token, {
      home: { last_read_id: "117000000000000005" },
      notifications: { last_read_id: "117000000000000003" },
    }));
    expect(both.home).toMatchObject({ last_read_id: "117000000000000005", version: 1 });
    expect(both.notifications).toMatchObject({ last_read_id: "117000000000000003", version: 0 });

    const read = await t.json<Markers>(t.call("/api/v1/markers?timeline[]=home&timeline[]=notifications", alice.token));
    expect(read).toEqual(both);
    expectEntity(read.notifications, "Marker");
    expect(Object.keys(await t.json<Markers>(t.call("/api/v1/markers?timeline[]=notifications", alice.token)))).toEqual(["notifications"]);
    expect(await t.json(t.call("/api/v1/markers?timeline[]=home", bob.token))).toEqual({});
  });

  it("refuses a bad id with 422, and answers 401 and 403", async () => {
    expect((await t.send("POST", "/api/v1/markers", alice.token, { home: { last_read_id: "not-an-id" } })).status).toBe(422);
    expect((await t.call("/api/v1/markers?timeline[]=home", null)).status).toBe(401);
    const readOnly = await t.user("reader", "read");
    expect((await t.send("POST", "/api/v1/markers", readOnly.token, { home: { last_read_id: "1" } })).status).toBe(403);
  });
});
