// The full-text index of statuses (migration 0010-search). Only SQLite has a
// table: an FTS5 contentless table whose rowid is the status id. PostgreSQL
// indexes an expression on statuses instead (docs/adr/0012-full-text-search.md).
import type { Id } from "./index.ts";

export interface StatusSearchTable {
  rowid: Id;
  /** Write-only: a contentless table returns null for it. */
  document: string | null;
}

export interface SearchTables {
  status_search: StatusSearchTable;
}
