// Kysely's SQLite driver prepares every statement anew; preparing was an
// eighth of the inbox's CPU (bench/README.md). This wrapper keeps prepared
// better-sqlite3 statements by SQL text, least recently used out first.
// Safe because Kysely runs one statement at a time per SQLite connection.
import type BetterSqlite3 from "better-sqlite3";
import type { SqliteDatabase, SqliteStatement } from "kysely";

/** A SqliteDatabase for Kysely that reuses prepared statements (at most `capacity`). */
export function withStatementCache(database: BetterSqlite3.Database, capacity = 512): SqliteDatabase {
  const cache = new Map<string, SqliteStatement>();
  return {
    close: () => {
      cache.clear();
      database.close();
    },
    prepare(sql) {
      let statement = cache.get(sql);
      if (statement) {
        cache.delete(sql); // re-inserted below: most recently used last
      } else {
        statement = database.prepare(sql) as unknown as SqliteStatement;
        if (cache.size >= capacity) cache.delete(cache.keys().next().value!);
      }
      cache.set(sql, statement);
      return statement;
    },
  };
}
