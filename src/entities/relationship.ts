// The viewer's relationship to an account as Mastodon's Relationship entity.
import type { RelationshipFacts } from "../../db/queries/relationships.ts";
import { isoTime } from "./context.ts";

export interface RelationshipEntity {
  id: string;
  following: boolean;
  showing_reblogs: boolean;
  notifying: boolean;
  languages: string[] | null;
  followed_by: boolean;
  blocking: boolean;
  blocked_by: boolean;
  muting: boolean;
  muting_notifications: boolean;
  muting_expires_at: string | null;
  requested: boolean;
  requested_by: boolean;
  domain_blocking: boolean;
  endorsed: boolean;
  note: string;
}

/** Serializes loaded relationship facts; follow options come from the follow, else from the request. */
export function serializeRelationship(facts: RelationshipFacts): RelationshipEntity {
  const follow = facts.following ?? facts.requested;
  return {
    id: facts.id,
    following: facts.following !== null,
    showing_reblogs: follow?.showReblogs ?? false,
    notifying: follow?.notify ?? false,
    languages: follow?.languages ?? null,
    followed_by: facts.followedBy,
    blocking: facts.blocking,
    blocked_by: facts.blockedBy,
    muting: facts.muting !== null,
    muting_notifications: facts.muting?.notifications ?? false,
    muting_expires_at: facts.muting?.expiresAt ? isoTime(facts.muting.expiresAt) : null,
    requested: facts.requested !== null,
    requested_by: facts.requestedBy,
    domain_blocking: facts.domainBlocking,
    endorsed: facts.endorsed,
    note: facts.note,
  };
}
