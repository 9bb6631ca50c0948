// The report queue (Mastodon's admin reports API) and Parley's report notes,
// the audit trail of every change, the dashboard's measures and dimensions,
// and the reports CLI.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { databaseEnv, runParley } from "../helpers/child-process.ts";
import { expectEntities, expectEntity } from "../helpers/openapi.ts";
import { type ApiTest, startApiTest, type TestUser } from "./timelines-helpers.ts";

let t: ApiTest;
let mod: TestUser, alice: TestUser, bob: TestUser, plain: TestUser;
let reportId: string, ruleId: string;
type AdminReport = {
  id: string; action_taken: boolean; category: string; assigned_account: { id: string } | null; action_taken_by_account: { id: string } | null;
  statuses: { id: string }[]; rules: { id: string }[]; age_seconds: number; account: { id: string }; target_account: { id: string };
};

const cli = (...args: string[]) => runParley(args, { ...databaseEnv(t.app.database.config), PARLEY_PUBLIC_URL: "https://parley.test", PARLEY_LOG_LEVEL: "error" });

beforeAll(async () => {
  t = await startApiTest();
  [mod, alice, bob, plain] = [await t.user("mod", "read write admin:read admin:write"), await t.user("alice"), await t.user("bob"), await t.user("plain", "read admin:read admin:write")];
  await t.app.services.changeRole(CLI_MODERATOR, "mod", "moderator");
  const rule = await t.app.services.addInstanceRule({ text: "Be kind" });
  if (!rule.ok) throw new Error(rule.message);
  ruleId = rule.value.id;
  const hidden = await t.post(bob, "for followers only", { visibility: "private" });
  await t.follow(alice, { id: bob.id });
  const filed = await t.json<{ id: string }>(t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, status_ids: [hidden.id], comment: "nasty" }));
  reportId = filed.id;
});
afterAll(async () => {
  await t?.app.dispose();
});

describe("the report queue", () => {
  it("lists open reports with the statuses moderators need, even private ones", async () => {
    const list = await t.json<AdminReport[]>(t.call("/api/v1/admin/reports", mod.token));
    expectEntities(list, "AdminReport");
    expect(list.map((r) => [r.id, r.account.id, r.target_account.id, r.statuses.length])).toEqual([[reportId, alice.id, bob.id, 1]]);
    expect(list[0]!.age_seconds).toBeGreaterThanOrEqual(0);
    expect(await t.json(t.call(`/api/v1/admin/reports?target_account_id=${alice.id}`, mod.token))).toEqual([]);
    expect(await t.json(t.call("/api/v1/admin/reports?resolved=true", mod.token))).toEqual([]);
  });

  it("is announced to staff by an admin.report notification from the filer, carrying the report", async () => {
    const told = await t.json<{ type: string; account: { id: string }; report?: { id: string } }[]>(t.call("/api/v1/notifications", mod.token));
    expect(told.map((n) => [n.type, n.account.id, n.report?.id])).toEqual([["admin.report", alice.id, reportId]]);
    expectEntities(told, "Notification");
    expect(await t.json(t.call("/api/v1/notifications?types[]=admin.report", plain.token))).toEqual([]);
    expect(await t.json(t.call("/api/v1/notifications?types[]=admin.report", alice.token))).toEqual([]);
  });

  it("assigns, re-categorizes, resolves and reopens, each change audited", async () => {
    const assigned = await t.json<AdminReport>(t.send("POST", `/api/v1/admin/reports/${reportId}/assign_to_self`, mod.token));
    expectEntity(assigned, "AdminReport");
    expect(assigned.assigned_account?.id).toBe(mod.id);
    const updated = await t.json<AdminReport>(t.send("PUT", `/api/v1/admin/reports/${reportId}`, mod.token, { rule_ids: [ruleId] }));
    expect([updated.category, updated.rules.map((r) => r.id)]).toEqual(["violation", [ruleId]]);
    const badRule = await t.send("PUT", `/api/v1/admin/reports/${reportId}`, mod.token, { rule_ids: ["42"] });
    expect(badRule.status).toBe(422);
    const resolved = await t.json<AdminReport>(t.send("POST", `/api/v1/admin/reports/${reportId}/resolve`, mod.token));
    expect([resolved.action_taken, resolved.action_taken_by_account?.id]).toEqual([true, mod.id]);
    expect((await t.json<AdminReport[]>(t.call("/api/v1/admin/reports?resolved=true", mod.token))).map((r) => r.id)).toEqual([reportId]);
    const reopened = await t.json<AdminReport>(t.send("POST", `/api/v1/admin/reports/${reportId}/reopen`, mod.token));
    expect([reopened.action_taken, reopened.action_taken_by_account]).toEqual([false, null]);
    const unassigned = await t.json<AdminReport>(t.send("POST", `/api/v1/admin/reports/${reportId}/unassign`, mod.token));
    expect(unassigned.assigned_account).toBeNull();

    const log = await t.json<{ action: string; actor: string }[]>(t.call(`/api/v1/admin/audit_log?target_type=report&target_id=${reportId}`, mod.token));
    expect(log.map((e) => e.action)).toEqual(["report.unassign", "report.reopen", "report.resolve", "report.update", "report.assign"]);
    expect(new Set(log.map((e) => e.actor))).toEqual(new Set(["mod"]));
  });

  it("keeps notes (Parley's extension), audited", async () => {
    const note = await t.send("POST", `/api/v1/admin/reports/${reportId}/notes`, mod.token, { content: "Looked at the thread" });
    expect(note.status).toBe(200);
    expect((await t.send("POST", `/api/v1/admin/reports/${reportId}/notes`, mod.token, { content: "  " })).status).toBe(422);
    const notes = await t.json<{ author: string; content: string }[]>(t.call(`/api/v1/admin/reports/${reportId}/notes`, mod.token));
    expect(notes.map((n) => [n.author, n.content])).toEqual([["mod", "Looked at the thread"]]);
  });

  it("answers 401 without a token, 403 without the scope, 403 to a non-staff user, 404 for an unknown report", async () => {
    const paths: [string, string][] = [["GET", "/api/v1/admin/reports"], ["GET", `/api/v1/admin/reports/${reportId}`], ["POST", `/api/v1/admin/reports/${reportId}/resolve`], ["GET", `/api/v1/admin/reports/${reportId}/notes`], ["POST", "/api/v1/admin/measures"]];
    const ask = (method: string, path: string, token: string | null) => (method === "GET" ? t.call(path, token) : t.send(method, path, token));
    for (const [method, path] of paths) {
      expect((await ask(method, path, null)).status, path).toBe(401);
      expect((await ask(method, path, alice.token)).status, path).toBe(403);
      const refused = await ask(method, path, plain.token);
      expect([refused.status, await refused.json()], path).toEqual([403, { error: "This action is not allowed" }]);
    }
    expect((await t.call("/api/v1/admin/reports/99999", mod.token)).status).toBe(404);
    expect((await t.send("POST", "/api/v1/admin/reports/99999/resolve", mod.token)).status).toBe(404);
  });
});

describe("time to action", () => {
  it("gives opened and resolved counts and the median resolution time in seconds, per day", async () => {
    // Two reports resolved 60 s and 180 s after filing: the median is 120 s.
    const db = t.app.database.db;
    const now = Date.now();
    for (const [i, seconds] of [[1, 60], [2, 180]] as const) {
      const filed = await t.json<{ id: string }>(t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, comment: `r${i}` }));
      await db.updateTable("reports").set({ created_at: now - seconds * 1000 }).where("id", "=", filed.id).execute();
      await t.app.services.resolveReport(CLI_MODERATOR, filed.id);
      await db.updateTable("reports").set({ action_taken_at: now }).where("id", "=", filed.id).execute();
    }
    const today = new Date(now).toISOString().slice(0, 10);
    const measures = await t.json<{ key: string; total: string; unit: string | null; data: { value: string }[] }[]>(
      t.send("POST", "/api/v1/admin/measures", mod.token, { keys: ["opened_reports", "resolved_reports", "report_resolution_time_median", "unknown"], start_at: today, end_at: today }),
    );
    expectEntities(measures, "AdminMeasure");
    expect(measures.map((m) => [m.key, m.total, m.data.length])).toEqual([["opened_reports", "3", 1], ["resolved_reports", "2", 1], ["report_resolution_time_median", "120", 1]]);
    expect(measures[2]!.unit).toBe("seconds");
    // GET takes the same parameters in the query string.
    const viaGet = await t.json<{ key: string; total: string }[]>(t.call(`/api/v1/admin/measures?keys[]=report_resolution_time_median&start_at=${today}&end_at=${today}`, mod.token));
    expect(viaGet.map((m) => [m.key, m.total])).toEqual([["report_resolution_time_median", "120"]]);
    expect((await t.send("POST", "/api/v1/admin/measures", mod.token, { keys: ["opened_reports"], start_at: "nonsense" })).status).toBe(422);
  });

  it("gives the dimensions Mastodon's dashboard asks for, from real data", async () => {
    await t.post(alice, "hello", { language: "de" });
    await t.remoteStatus(await t.remoteAccount("zed", "busy.example"), "remote");
    const dimensions = await t.json<{ key: string; data: { key: string; value: string }[] }[]>(
      t.send("POST", "/api/v1/admin/dimensions", mod.token, { keys: ["software_versions", "space_usage", "sources", "servers", "languages"] }),
    );
    expectEntities(dimensions, "AdminDimension");
    const by = new Map(dimensions.map((d) => [d.key, new Map(d.data.map((i) => [i.key, i.value]))]));
    expect(by.get("software_versions")!.has("parley")).toBe(true);
    expect(Number(by.get("space_usage")!.get("media"))).toBeGreaterThanOrEqual(0);
    expect([...by.get("space_usage")!.values()].some((v) => Number(v) > 0)).toBe(true);
    expect(by.get("servers")!.get("busy.example")).toBe("1");
    expect(by.get("languages")!.get("de")).toBe("1");
    expect(Number(by.get("sources")!.get("web"))).toBeGreaterThanOrEqual(4);
  });
});

describe("the reports CLI", () => {
  it("lists, shows, assigns, resolves with a note and reopens, audited as cli", async () => {
    const filed = await t.json<{ id: string }>(t.send("POST", "/api/v1/reports", alice.token, { account_id: bob.id, comment: "from the cli test" }));
    const listed = await cli("reports", "list");
    expect(listed.code, listed.stderr).toBe(0);
    expect(listed.stdout).toContain(`${filed.id}\topen\t`);
    expect((await cli("reports", "assign", filed.id, "mod")).code).toBe(0);
    const resolved = await cli("reports", "resolve", filed.id, "--note", "handled by phone");
    expect([resolved.code, resolved.stdout.trim()]).toEqual([0, `Report ${filed.id} resolved`]);
    const shown = await cli("reports", "show", filed.id);
    expect(shown.stdout).toContain("resolved:none");
    expect(shown.stdout).toContain("note\tcli\thandled by phone");
    expect((await cli("reports", "reopen", filed.id)).code).toBe(0);
    expect((await cli("reports", "assign", filed.id, "nobody")).code).toBe(1);
    const log = await t.json<{ action: string; actor: string }[]>(t.call(`/api/v1/admin/audit_log?target_id=${filed.id}`, mod.token));
    expect(log.map((e) => [e.action, e.actor])).toEqual([["report.reopen", "cli"], ["report.resolve", "cli"], ["report.note", "cli"], ["report.assign", "cli"]]);
  }, 240_000); // seven processes, each starting an instance
});
