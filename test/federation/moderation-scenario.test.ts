// The report-to-action loop across two instances (issue 4's rig scenario):
// mallory@B posts a violent threat mentioning alice@A; A's automatic rule
// holds it; A's moderator finds it in the queue, files a report forwarded to
// B and suspends the remote account; B receives the Flag as a report from A;
// B's moderator suspends mallory; the status is gone from every timeline on
// both instances. Everything goes through each side's APIs.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../db/schema/index.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { issueToken } from "../helpers/tokens.ts";
import { eventually, followAcross, type Rig, type RigInstance, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, b: RigInstance;
const THREAT = "I will kill you tomorrow";

async function api(instance: RigInstance, token: string, method: string, path: string, body?: unknown): Promise<{ status: number; json: any }> {
  const init: RequestInit = { method, headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) } };
  if (body) init.body = JSON.stringify(body);
  const response = await instance.app.fetch(new Request(new URL(path, instance.url), init));
  return { status: response.status, json: await response.json() };
}

/** A local account with a token; staff get their role as the operator gives it. */
async function person(instance: RigInstance, username: string, role: Role = "user"): Promise<{ id: string; token: string }> {
  const account = await instance.createAccount(username);
  if (role !== "user") {
    const changed = await instance.app.services.changeRole(CLI_MODERATOR, username, role);
    if (!changed.ok) throw new Error(changed.message);
  }
  return { id: account.id, token: await issueToken(instance.app, account.id, role === "user" ? "read write follow" : "read write follow admin:read admin:write") };
}

const texts = (statuses: { content: string }[]) => statuses.map((s) => s.content).join("\n");

beforeAll(async () => {
  rig = await startRig(["a", "b"]);
  [a, b] = rig.instances as [RigInstance, RigInstance];
});
afterAll(async () => {
  await rig?.close();
});

describe("moderation across instances", () => {
  it("holds a threat by rule, reports it to its instance, and both sides suspend its author", async () => {
    // A's admin writes the rule and acts on the report; B's moderator handles what A sends.
    const [alice, modA] = [await person(a, "alice"), await person(a, "moda", "admin")];
    const [mallory, bea, modB] = [await person(b, "mallory"), await person(b, "bea"), await person(b, "modb", "moderator")];
    // alice follows mallory, and so does bea on B: the threat would reach both home timelines.
    const malloryRow = (await b.app.database.db.selectFrom("accounts").selectAll().where("id", "=", mallory.id).executeTakeFirstOrThrow());
    const aliceRow = (await a.app.database.db.selectFrom("accounts").selectAll().where("id", "=", alice.id).executeTakeFirstOrThrow());
    await followAcross(rig, a, aliceRow, b, malloryRow);
    expect((await api(b, bea.token, "POST", `/api/v1/accounts/${mallory.id}/follow`)).status).toBe(200);

    const rule = await api(a, modA.token, "POST", "/api/v1/admin/rules", { kind: "keyword", pattern: "kill", fields: ["text"], action: "hold", comment: "threats" });
    expect(rule.status).toBe(200);

    const posted = await api(b, mallory.token, "POST", "/api/v1/statuses", { status: `@alice@${a.host} ${THREAT}`, visibility: "public" });
    expect(posted.status).toBe(200);

    // On A the threat arrives and waits in the hold queue; alice sees nothing of it.
    const hold = await eventually(async () => {
      const holds = await api(a, modA.token, "GET", "/api/v1/admin/holds");
      return (holds.json as { status: { id: string; content: string; account: { id: string } } | null }[]).find((h) => h.status?.content.includes(THREAT));
    }, { what: "the held threat on A" });
    const heldId = hold.status!.id;
    const malloryOnA = hold.status!.account.id;
    expect(texts((await api(a, alice.token, "GET", "/api/v1/timelines/home")).json)).not.toContain(THREAT);
    expect(texts((await api(a, alice.token, "GET", "/api/v1/timelines/public")).json)).not.toContain(THREAT);
    expect(JSON.stringify((await api(a, alice.token, "GET", "/api/v1/notifications")).json)).not.toContain(THREAT);
    expect((await api(a, alice.token, "GET", `/api/v1/statuses/${heldId}`)).status).toBe(404);

    // A's moderator reports it to B, then suspends mallory on A.
    const report = await api(a, modA.token, "POST", "/api/v1/reports", {
      account_id: malloryOnA, status_ids: [heldId], category: "violation", comment: "A death threat against our user", forward: true,
    });
    expect(report.status).toBe(200);
    const action = await api(a, modA.token, "POST", `/api/v1/admin/accounts/${malloryOnA}/action`, { type: "suspend", report_id: report.json.id, text: "Threats of violence" });
    expect(action.status).toBe(200);
    expect((await api(a, alice.token, "GET", `/api/v1/accounts/${malloryOnA}`)).status).toBe(404);

    // B receives the Flag: a report on mallory, with the status, from A's instance.
    const flagged = await eventually(async () => {
      const reports = await api(b, modB.token, "GET", "/api/v1/admin/reports");
      return (reports.json as { id: string; target_account: { id: string }; statuses: { id: string }[]; comment: string }[]).find((r) => r.target_account.id === mallory.id);
    }, { what: "the forwarded report on B" });
    expect(flagged.comment).toContain("A death threat");
    expect(flagged.statuses.map((s) => s.id)).toEqual([posted.json.id]);

    // B's moderator suspends mallory: the threat leaves every timeline on B.
    expect((await api(b, modB.token, "POST", `/api/v1/admin/accounts/${mallory.id}/action`, { type: "suspend", report_id: flagged.id })).status).toBe(200);
    expect(texts((await api(b, bea.token, "GET", "/api/v1/timelines/home")).json)).not.toContain(THREAT);
    expect(texts((await api(b, bea.token, "GET", "/api/v1/timelines/public")).json)).not.toContain(THREAT);
    expect((await api(b, bea.token, "GET", `/api/v1/statuses/${posted.json.id}`)).status).toBe(404);

    // And on A: not in any timeline, not in the queue, not fetchable.
    await rig.settle();
    expect(texts((await api(a, alice.token, "GET", "/api/v1/timelines/home")).json)).not.toContain(THREAT);
    expect(texts((await api(a, alice.token, "GET", "/api/v1/timelines/public")).json)).not.toContain(THREAT);
    expect((await api(a, alice.token, "GET", `/api/v1/statuses/${heldId}`)).status).toBe(404);
    const holdsAfter = (await api(a, modA.token, "GET", "/api/v1/admin/holds")).json as { status: { content: string } | null }[];
    expect(JSON.stringify(holdsAfter)).not.toContain(THREAT);
  }, 180_000);
});
