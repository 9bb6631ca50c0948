// Finds which pending follow an Accept or Reject answers: by the Follow's id,
// or, when the answer embeds a Follow without a usable id, by its actor.
import { Follow, type Accept, type Reject } from "@fedify/vocab";
import { findFollowByUri, type FollowRow } from "../../db/queries/follows.ts";
import type { ParleyContext } from "../context.ts";
import { localAccountAt } from "./actor-of.ts";

/** The follow request or follow (local follower → answering actor) the answer refers to. */
export async function followOfAnswer(ctx: ParleyContext, answer: Accept | Reject, answererId: string): Promise<FollowRow | null> {
  const db = ctx.data.db;
  if (answer.objectId) {
    const byUri = (await findFollowByUri(db, "follow_requests", answer.objectId.href)) ??
      (await findFollowByUri(db, "follows", answer.objectId.href));
    if (byUri) return byUri.target_account_id === answererId ? byUri : null;
  }
  // The embedded Follow is our own activity echoed back; only its actor is used, and
  // only requests addressed to the answerer can match, so trusting it grants nothing.
  const object = await answer
    .getObject({ documentLoader: ctx.documentLoader, contextLoader: ctx.contextLoader, crossOrigin: "trust" })
    .catch(() => null);
  if (!(object instanceof Follow)) return null;
  const follower = await localAccountAt(ctx, object.actorId);
  if (!follower) return null;
  const row = await db
    .selectFrom("follow_requests")
    .selectAll()
    .where("account_id", "=", follower.id)
    .where("target_account_id", "=", answererId)
    .executeTakeFirst();
  return row ?? null;
}
