import BetterSqlite3 from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { withStatementCache } from "./sqlite-statement-cache.ts";

describe("withStatementCache", () => {
  it("prepares each SQL text once and evicts the least recently used", () => {
    const raw = new BetterSqlite3(":memory:");
    let prepared = 0;
    const counting = new Proxy(raw, {
      get(target, key) {
        if (key === "prepare") return (sql: string) => (prepared++, target.prepare(sql));
        const value = Reflect.get(target, key);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const db = withStatementCache(counting, 2);
    db.prepare("create table t (x integer)").run([]);
    db.prepare("insert into t values (?)").run([1]);
    db.prepare("insert into t values (?)").run([2]);
    expect(prepared).toBe(2);
    expect(db.prepare("select count(*) as n from t").all([])).toEqual([{ n: 2 }]);
    db.prepare("insert into t values (?)").run([3]); // still cached (used recently)
    expect(prepared).toBe(3);
    db.prepare("create table u (y integer)").run([]); // evicts "select count(*)"
    db.prepare("select count(*) as n from t").all([]);
    expect(prepared).toBe(5);
    db.close();
  });
});
