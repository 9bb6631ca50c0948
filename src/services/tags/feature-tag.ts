// Featuring hashtags on one's profile (featured tags), at most ten as in
// Mastodon. Not federated yet (Mastodon sends Add/Remove to the featured
// tags collection).
import { countFeaturedTags, deleteFeaturedTag, insertFeaturedTag, isTagFeatured } from "../../../db/queries/featured-tags.ts";
import { upsertTags } from "../../../db/queries/tags.ts";
import { findTagsByNames, type TagRow } from "../../../db/queries/tag-follows.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { parseTagName } from "./tag-name.ts";

const MAX_FEATURED = 10;

/** Features a tag by name (created when new); idempotent. */
export async function featureTag(deps: ServiceDeps, input: { accountId: Id; name: string }): Promise<Result<TagRow>> {
  const name = parseTagName(input.name);
  if (!name) return fail("validation", "Validation failed: Tag is invalid");
  return writeTransaction(deps, async (tx) => {
    const [tagId] = await upsertTags(tx, [name], () => deps.ids.next());
    const [tag] = await findTagsByNames(tx, [name]);
    if (!(await isTagFeatured(tx, input.accountId, tagId!)) && (await countFeaturedTags(tx, input.accountId)) >= MAX_FEATURED) {
      return fail("validation", `Validation failed: You can only feature up to ${MAX_FEATURED} hashtags`);
    }
    await insertFeaturedTag(tx, { id: deps.ids.next(), account_id: input.accountId, tag_id: tagId!, created_at: Date.now() });
    return ok(tag!);
  });
}

/** Stops featuring a tag, by featured-tag id or by tag name; not-found when it wasn't featured. */
export async function unfeatureTag(deps: ServiceDeps, input: { accountId: Id; featuredTagId?: Id; name?: string }): Promise<Result<void>> {
  let by: { id: Id } | { tagId: Id } | null = input.featuredTagId ? { id: input.featuredTagId } : null;
  if (input.name !== undefined) {
    const name = parseTagName(input.name);
    const [tag] = name ? await findTagsByNames(deps.db, [name]) : [];
    by = tag ? { tagId: tag.id } : null;
  }
  if (!by) return fail("not-found", "Record not found");
  const target = by;
  const removed = await writeTransaction(deps, (tx) => deleteFeaturedTag(tx, input.accountId, target));
  return removed ? ok(undefined) : fail("not-found", "Record not found");
}
