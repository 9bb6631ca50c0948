// Accounts hidden by moderation, as SQL: a suspended account from everyone, a
// silenced (limited) one from whoever does not follow it. The one rule that
// hiddenAccountIds, status visibility, the public timelines and notifications
// apply (docs/adr/0022-account-moderation.md). The partial indexes of
// 0013-account-moderation keep each subquery to the few moderated accounts.
import type { Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { StatusPage } from "./status-page.ts";

/** Subquery of the ids of suspended accounts. */
export function suspendedAccountIds(db: Executor) {
  return db.selectFrom("accounts").select("id").where("suspended_at", "is not", null);
}

/**
 * Subquery of the ids of accounts moderation hides from the viewer: suspended
 * ones, and silenced ones the viewer neither is nor follows (every silenced
 * one for an anonymous viewer, and in public timelines: pass null).
 */
export function moderatedAccountIds(db: Executor, viewerId: Id | null) {
  let silenced = db.selectFrom("accounts").select("id").where("silenced_at", "is not", null);
  if (viewerId !== null) {
    silenced = silenced
      .where("id", "!=", viewerId)
      .where("id", "not in", db.selectFrom("follows").select("target_account_id").where("account_id", "=", viewerId));
  }
  return suspendedAccountIds(db).union(silenced);
}

/** Subquery of the recipients (of the given ids) who must not hear from the sender: all when it is suspended, non-followers when it is silenced. */
export function recipientsShieldedFrom(db: Executor, senderId: Id, recipientIds: readonly Id[]) {
  return db
    .selectFrom("accounts as r")
    .select("r.id as id")
    .where("r.id", "in", recipientIds)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("accounts as sender")
          .select("sender.id")
          .where("sender.id", "=", senderId)
          .where((inner) =>
            inner.or([
              inner("sender.suspended_at", "is not", null),
              inner.and([
                inner("sender.silenced_at", "is not", null),
                inner.not(inner.exists(inner.selectFrom("follows as f").select("f.id").whereRef("f.account_id", "=", "r.id").where("f.target_account_id", "=", senderId))),
              ]),
            ])
          ),
      )
    );
}

/** Whether public timelines and streams leave the account out: suspended or silenced. */
export async function isKeptFromPublic(db: Executor, accountId: Id): Promise<boolean> {
  const row = await db.selectFrom("accounts").select("id").where("id", "in", moderatedAccountIds(db, null)).where("id", "=", accountId).executeTakeFirst();
  return row !== undefined;
}

/** The page without suspended authors, so that their statuses (and boosts of them) serialize to nothing on user-facing lists. */
export function withoutSuspendedAuthors(page: StatusPage): StatusPage {
  return { ...page, accounts: new Map([...page.accounts].filter(([, account]) => account.suspended_at === null)) };
}
