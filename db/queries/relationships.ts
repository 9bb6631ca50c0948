// Everything a viewer's Relationship entities need, for any number of
// accounts, in one fixed set of queries (one per kind of relation).
import type { Id, Millis } from "../schema/index.ts";
import type { AccountRow } from "./accounts.ts";
import type { Executor } from "./executor.ts";
import { muteInForce } from "./mutes.ts";

interface FollowFacts {
  showReblogs: boolean;
  notify: boolean;
  languages: string[] | null;
}

export interface RelationshipFacts {
  id: Id;
  following: FollowFacts | null;
  requested: FollowFacts | null;
  followedBy: boolean;
  requestedBy: boolean;
  blocking: boolean;
  blockedBy: boolean;
  muting: { notifications: boolean; expiresAt: Millis | null } | null;
  domainBlocking: boolean;
  endorsed: boolean;
  note: string;
}

type Pair = { account_id: Id; target_account_id: Id };

/** Rows of a pair table in either direction between the viewer and the targets. */
function bothWays(db: Executor, table: "follows" | "follow_requests", viewerId: Id, ids: Id[]) {
  return db
    .selectFrom(table)
    .select(["account_id", "target_account_id", "show_reblogs", "notify"])
    .where((eb) =>
      eb.or([
        eb.and([eb("account_id", "=", viewerId), eb("target_account_id", "in", ids)]),
        eb.and([eb("target_account_id", "=", viewerId), eb("account_id", "in", ids)]),
      ])
    )
    .execute();
}

/** The viewer's relationships to the given accounts, in their order. */
export async function loadRelationships(db: Executor, viewerId: Id, targets: readonly AccountRow[]): Promise<RelationshipFacts[]> {
  const ids = targets.map((t) => t.id);
  if (ids.length === 0) return [];
  const domains = [...new Set(targets.flatMap((t) => (t.domain === null ? [] : [t.domain])))];
  const [follows, requests, blocks, mutes, domainBlocks, pins, notes, languages] = await Promise.all([
    bothWays(db, "follows", viewerId, ids),
    bothWays(db, "follow_requests", viewerId, ids),
    db
      .selectFrom("blocks")
      .select(["account_id", "target_account_id"])
      .where((eb) =>
        eb.or([
          eb.and([eb("account_id", "=", viewerId), eb("target_account_id", "in", ids)]),
          eb.and([eb("target_account_id", "=", viewerId), eb("account_id", "in", ids)]),
        ])
      )
      .execute(),
    db
      .selectFrom("mutes")
      .select(["target_account_id", "hide_notifications", "expires_at"])
      .where("account_id", "=", viewerId)
      .where("target_account_id", "in", ids)
      .where(muteInForce("expires_at"))
      .execute(),
    domains.length === 0
      ? Promise.resolve([])
      : db.selectFrom("account_domain_blocks").select("domain").where("account_id", "=", viewerId).where("domain", "in", domains).execute(),
    db.selectFrom("account_pins").select("target_account_id").where("account_id", "=", viewerId).where("target_account_id", "in", ids).execute(),
    db.selectFrom("account_notes").select(["target_account_id", "comment"]).where("account_id", "=", viewerId).where("target_account_id", "in", ids).execute(),
    db.selectFrom("follow_languages").select(["target_account_id", "languages"]).where("account_id", "=", viewerId).where("target_account_id", "in", ids).execute(),
  ]);
  const outgoing = <R extends Pair>(rows: R[]) => new Map(rows.filter((r) => r.account_id === viewerId).map((r) => [r.target_account_id, r]));
  const incoming = <R extends Pair>(rows: R[]) => new Set(rows.filter((r) => r.target_account_id === viewerId).map((r) => r.account_id));
  const [following, requested, blocking] = [outgoing(follows), outgoing(requests), outgoing(blocks)];
  const [followedBy, requestedBy, blockedBy] = [incoming(follows), incoming(requests), incoming(blocks)];
  const muted = new Map(mutes.map((m) => [m.target_account_id, m]));
  const blockedDomains = new Set(domainBlocks.map((d) => d.domain));
  const pinned = new Set(pins.map((p) => p.target_account_id));
  const comments = new Map(notes.map((n) => [n.target_account_id, n.comment]));
  const languageLists = new Map(languages.map((l) => [l.target_account_id, JSON.parse(l.languages) as string[]]));
  const factsOf = (row: { show_reblogs: number; notify: number } | undefined, id: Id): FollowFacts | null =>
    row ? { showReblogs: row.show_reblogs === 1, notify: row.notify === 1, languages: languageLists.get(id) ?? null } : null;

  return targets.map((t) => {
    const mute = muted.get(t.id);
    return {
      id: t.id,
      following: factsOf(following.get(t.id), t.id),
      requested: factsOf(requested.get(t.id), t.id),
      followedBy: followedBy.has(t.id),
      requestedBy: requestedBy.has(t.id),
      blocking: blocking.has(t.id),
      blockedBy: blockedBy.has(t.id),
      muting: mute ? { notifications: mute.hide_notifications === 1, expiresAt: mute.expires_at } : null,
      domainBlocking: t.domain !== null && blockedDomains.has(t.domain),
      endorsed: pinned.has(t.id),
      note: comments.get(t.id) ?? "",
    };
  });
}
