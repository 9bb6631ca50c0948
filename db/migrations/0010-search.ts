// Full-text search over statuses (docs/adr/0012-full-text-search.md). The
// indexed document is a status's content warning, title and content with the
// HTML tags removed; reblogs are not indexed.
// - SQLite: an FTS5 contentless table keyed by the status id, kept in sync by
//   triggers on statuses (tags are stripped in SQL by splitting on '<').
// - PostgreSQL: an immutable SQL function computing the tsvector, and a GIN
//   expression index on it; queries call the same function.
// Frozen once applied; imports nothing from the app.
import { type Kysely, sql, SqliteAdapter } from "kysely";

type AnyDb = Kysely<any>;

// The common HTML entities Parley's sanitizer and renderer write, decoded so
// that they do not index as words ("amp", "quot").
function decodeEntities(text: string): string {
  let expression = text;
  for (const [entity, char] of [["&amp;", "&"], ["&lt;", "<"], ["&gt;", ">"], ["&quot;", '"'], ["&#39;", "''"]]) {
    expression = `replace(${expression}, '${entity}', '${char}')`;
  }
  return expression;
}

// SQLite: the text of `row`.content without tags. json_quote never escapes
// '<', so replacing it with '","' turns the quoted content into a JSON array
// whose items after the first each start with a tag's inside up to '>'.
function sqliteDocument(row: string): string {
  const stripped = `(select group_concat(case when key = 0 then value else substr(value, instr(value, '>') + 1) end, ' ' order by key)
    from json_each('[' || replace(json_quote(${row}.content), '<', '","') || ']'))`;
  return `${row}.spoiler_text || ' ' || coalesce(${row}.name, '') || ' ' || ${decodeEntities(stripped)}`;
}

/** Creates the search index and fills it from the existing statuses. */
export async function up(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    await sql`create virtual table status_search using fts5(document, content = '', contentless_delete = 1, tokenize = 'unicode61 remove_diacritics 2')`.execute(db);
    await sql.raw(`create trigger statuses_search_insert after insert on statuses when new.reblog_of_id is null begin
      insert into status_search(rowid, document) values (new.id, ${sqliteDocument("new")});
    end`).execute(db);
    await sql.raw(`create trigger statuses_search_update after update of content, spoiler_text, name on statuses when new.reblog_of_id is null begin
      delete from status_search where rowid = old.id;
      insert into status_search(rowid, document) values (new.id, ${sqliteDocument("new")});
    end`).execute(db);
    await sql.raw(`create trigger statuses_search_delete after delete on statuses when old.reblog_of_id is null begin
      delete from status_search where rowid = old.id;
    end`).execute(db);
    await sql.raw(`insert into status_search(rowid, document)
      select s.id, ${sqliteDocument("s")} from statuses as s where s.reblog_of_id is null`).execute(db);
    return;
  }
  // PostgreSQL: 'simple' (no stemming, no stop words) keeps every language searchable alike.
  const stripped = decodeEntities(`regexp_replace(content, '<[^>]*>', ' ', 'g')`);
  await sql.raw(`create function parley_status_document(spoiler_text text, name text, content text) returns tsvector
    language sql immutable parallel safe
    as $$ select to_tsvector('simple'::regconfig, coalesce(spoiler_text, '') || ' ' || coalesce(name, '') || ' ' || ${stripped}) $$`).execute(db);
  await sql`create index statuses_search_idx on statuses using gin (parley_status_document(spoiler_text, name, content)) where reblog_of_id is null`.execute(db);
}

/** Drops the index, its triggers and function. */
export async function down(db: AnyDb): Promise<void> {
  if (db.getExecutor().adapter instanceof SqliteAdapter) {
    for (const trigger of ["statuses_search_insert", "statuses_search_update", "statuses_search_delete"]) {
      await sql.raw(`drop trigger if exists ${trigger}`).execute(db);
    }
    await sql`drop table if exists status_search`.execute(db);
    return;
  }
  await sql`drop index if exists statuses_search_idx`.execute(db);
  await sql`drop function if exists parley_status_document(text, text, text)`.execute(db);
}
