// The operator's `domain-blocks` CLI, run as a child process on the test
// database: add, list, export and import (dry run first) in Mastodon's CSV,
// remove, allows, settings, and a blocklist subscription reviewed and applied.
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { databaseEnv, runParley } from "../helpers/child-process.ts";
import { type ApiTest, startApiTest } from "./timelines-helpers.ts";

let t: ApiTest;
let server: Server;
let listUrl = "";
const dir = mkdtempSync(join(tmpdir(), "parley-blocks-"));
const cli = (...args: string[]) =>
  runParley(["domain-blocks", ...args], { ...databaseEnv(t.app.database.config), PARLEY_PUBLIC_URL: "https://parley.test", PARLEY_LOG_LEVEL: "error", PARLEY_ALLOW_PRIVATE_ADDRESS: "true" });

beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(200, { "content-type": "text/plain" }).end("listed.example\nother.example\n"));
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  listUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/blocklist.txt`;
  t = await startApiTest();
});
afterAll(async () => {
  await t?.app.dispose();
  await new Promise((done) => server?.close(done));
});

describe("domain-blocks CLI", () => {
  it("adds, lists, exports, imports (dry run first) and removes blocks, audited as the CLI", async () => {
    const added = await cli("add", "spam.example", "--severity", "silence", "--reject-media", "--public-comment", "spam, mostly");
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toContain("Blocked spam.example: silence");

    const exported = await cli("export");
    expect(exported.stdout).toBe('#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\nspam.example,silence,true,false,"spam, mostly",false\n');

    const file = join(dir, "blocks.csv");
    writeFileSync(file, "#domain,#severity,#reject_media,#reject_reports,#public_comment,#obfuscate\nnew.example,suspend,false,false,,true\nspam.example,suspend,true,false,\"spam, mostly\",false\n");
    const dry = await cli("import", file, "--dry-run");
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("+ new.example\tsuspend");
    expect(dry.stdout).toContain("~ spam.example\tsuspend");
    expect(dry.stdout).toContain("Dry run: nothing was changed.");

    expect((await cli("import", file)).stdout).toContain("Applied 2 changes.");
    const listed = (await cli("list")).stdout.trim().split("\n");
    expect(listed.map((l) => l.split("\t").slice(0, 4).join(" "))).toEqual(["new.example suspend obfuscate local", "spam.example suspend reject_media local"]);

    const removed = await cli("remove", "new.example");
    expect(removed.stdout).toContain("Lifted the block of new.example");
    const actions = await t.app.database.db.selectFrom("audit_log").select(["action", "actor_name"]).execute();
    expect(actions.filter((a) => a.action.startsWith("domain_block.")).every((a) => a.actor_name === "cli")).toBe(true);
    expect(actions.map((a) => a.action)).toEqual(expect.arrayContaining(["domain_block.create", "domain_block.update", "domain_block.remove"]));
  }, 240_000);

  it("manages allows and settings, and subscribes to a list it reviews and applies", async () => {
    expect((await cli("allows", "add", "friends.example")).stdout).toContain("Allowed friends.example");
    expect((await cli("set", "federation_mode", "sometimes")).code).toBe(1);
    expect((await cli("allows", "remove", "friends.example")).code).toBe(0);

    const subscribed = await cli("subscriptions", "add", listUrl);
    expect(subscribed.code, subscribed.stderr).toBe(0);
    const review = await cli("subscriptions", "review", listUrl);
    expect(review.code, review.stderr).toBe(0);
    expect(review.stdout).toContain("+ listed.example\tsuspend");
    expect(review.stdout).toContain("2 added, 0 changed, 0 removed, 0 skipped");
    expect((await cli("subscriptions", "apply", listUrl)).stdout).toContain("Applied 2 changes");
    expect((await cli("subscriptions", "remove", listUrl)).stdout).toContain("its blocks stay as local ones");
    expect((await cli("list")).stdout).toContain("listed.example\tsuspend\t-\tlocal");
  }, 240_000);
});
