// A status's thread: the chain of parents above it and the tree of replies
// below it, each walked with one recursive query.
import { sql } from "kysely";
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import { findStatusesByIds, type StatusRow } from "./statuses.ts";

// Bounds the walk however deep a thread goes.
const MAX_DEPTH = 4096;

/** The parents of a status, root first, at most `limit` (the nearest ones). */
export async function findAncestors(db: Executor, status: StatusRow, limit: number): Promise<StatusRow[]> {
  if (status.in_reply_to_id === null || limit <= 0) return [];
  const parentId = status.in_reply_to_id;
  return db
    .withRecursive("chain(id, parent_id, depth)", (qc) =>
      qc
        .selectFrom("statuses")
        .select(["id", "in_reply_to_id as parent_id", sql<number>`1`.as("depth")])
        .where("id", "=", parentId)
        .unionAll(
          qc
            .selectFrom("statuses as s")
            .innerJoin("chain", "chain.parent_id", "s.id")
            .select(["s.id", "s.in_reply_to_id as parent_id", sql<number>`chain.depth + 1`.as("depth")])
            .where("chain.depth", "<", limit),
        ))
    .selectFrom("chain")
    .innerJoin("statuses", "statuses.id", "chain.id")
    .selectAll("statuses")
    .orderBy("chain.depth", "desc")
    .execute();
}

/**
 * The replies below a status in depth-first order, each level by id (as
 * Mastodon orders descendants), at most `limit`, no deeper than `maxDepth`.
 */
export async function findDescendants(db: Executor, status: StatusRow, limit: number, maxDepth: number | null): Promise<StatusRow[]> {
  const depth = Math.min(maxDepth ?? MAX_DEPTH, MAX_DEPTH);
  if (limit <= 0 || depth <= 0) return [];
  const edges = await db
    .withRecursive("tree(id, parent_id, depth)", (qc) =>
      qc
        .selectFrom("statuses")
        .select(["id", "in_reply_to_id as parent_id", sql<number>`1`.as("depth")])
        .where("in_reply_to_id", "=", status.id)
        .unionAll(
          qc
            .selectFrom("statuses as s")
            .innerJoin("tree", "tree.id", "s.in_reply_to_id")
            .select(["s.id", "s.in_reply_to_id as parent_id", sql<number>`tree.depth + 1`.as("depth")])
            .where("tree.depth", "<", depth),
        ))
    .selectFrom("tree")
    .select(["id", "parent_id"])
    .execute();
  const children = new Map<Id, Id[]>();
  for (const edge of edges) children.set(edge.parent_id!, [...(children.get(edge.parent_id!) ?? []), edge.id]);
  const byNumber = (a: Id, b: Id) => (BigInt(a) < BigInt(b) ? -1 : 1);
  const ordered: Id[] = [];
  const stack = [...(children.get(status.id) ?? [])].sort(byNumber).reverse();
  while (stack.length > 0 && ordered.length < limit) {
    const id = stack.pop()!;
    ordered.push(id);
    stack.push(...[...(children.get(id) ?? [])].sort(byNumber).reverse());
  }
  const rows = new Map((await findStatusesByIds(db, ordered)).map((r) => [r.id, r]));
  return ordered.flatMap((id) => rows.get(id) ?? []);
}
