// Following a hashtag: its public posts enter the follower's home timeline
// (see fanOutToHomes). Nothing is federated.
import { upsertTags } from "../../../db/queries/tags.ts";
import { deleteTagFollow, findTagsByNames, insertTagFollow, type TagRow } from "../../../db/queries/tag-follows.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { parseTagName } from "./tag-name.ts";

/** Follows a tag (created when new); idempotent. */
export async function followTag(deps: ServiceDeps, input: { accountId: Id; name: string }): Promise<Result<TagRow>> {
  const name = parseTagName(input.name);
  if (!name) return fail("not-found", "Record not found");
  return writeTransaction(deps, async (tx) => {
    const [tagId] = await upsertTags(tx, [name], () => deps.ids.next());
    await insertTagFollow(tx, { id: deps.ids.next(), account_id: input.accountId, tag_id: tagId!, created_at: Date.now() });
    const [tag] = await findTagsByNames(tx, [name]);
    return ok(tag!);
  });
}

/** Unfollows a tag; idempotent. Returns the tag when it exists. */
export async function unfollowTag(deps: ServiceDeps, input: { accountId: Id; name: string }): Promise<Result<TagRow | null>> {
  const name = parseTagName(input.name);
  if (!name) return fail("not-found", "Record not found");
  const [tag] = await findTagsByNames(deps.db, [name]);
  if (tag) await writeTransaction(deps, (tx) => deleteTagFollow(tx, input.accountId, tag.id));
  return ok(tag ?? null);
}
