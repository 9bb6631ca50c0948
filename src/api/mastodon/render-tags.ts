// Tags for the current caller: seven days of history for all of them in one
// query, and (signed in) whether the caller follows and features each.
import type { Context } from "hono";
import { emptyTagHistory, loadTagFlags, loadTagHistories } from "../../../db/queries/tag-follows.ts";
import { serializeTag, type TagEntity } from "../../entities/tag.ts";
import { entityContext } from "./entity-context.ts";
import type { ApiEnv } from "./env.ts";

/** Serializes tags in order; a tag not stored yet has id "" (as Mastodon answers for unknown tags). */
export async function renderTags(c: Context<ApiEnv>, tags: readonly { id: string; name: string }[]): Promise<TagEntity[]> {
  const ids = tags.map((t) => t.id).filter((id) => id !== "");
  const viewer = c.var.auth?.accountId ?? null;
  const [histories, flags] = await Promise.all([
    loadTagHistories(c.var.deps.db, ids),
    viewer ? loadTagFlags(c.var.deps.db, viewer, ids) : Promise.resolve(null),
  ]);
  const ctx = entityContext(c);
  return tags.map((t) =>
    serializeTag(ctx, t, histories.get(t.id) ?? emptyTagHistory(), flags ? { following: flags.following.has(t.id), featuring: flags.featuring.has(t.id) } : undefined)
  );
}
