// Who may see a status: the one rule behind the API, dereferencing and
// delivery. Public and unlisted: anyone not blocked; private: the author, its
// followers and mentioned accounts; direct: the author and mentioned accounts.
import { isBlockedEitherWay } from "../../../db/queries/blocks.ts";
import type { Executor } from "../../../db/queries/executor.ts";
import { findFollow } from "../../../db/queries/follows.ts";
import type { StatusRow } from "../../../db/queries/statuses.ts";
import type { Id } from "../../../db/schema/index.ts";

/** Whether viewer (an account id, or null for anonymous) may see the status. */
export async function mayViewStatus(db: Executor, status: StatusRow, viewerId: Id | null): Promise<boolean> {
  if (viewerId === status.account_id) return true;
  if (viewerId !== null && (await isBlockedEitherWay(db, viewerId, status.account_id))) return false;
  if (status.visibility === "public" || status.visibility === "unlisted") return true;
  if (viewerId === null) return false;
  const mentioned = await db
    .selectFrom("mentions")
    .select("account_id")
    .where("status_id", "=", status.id)
    .where("account_id", "=", viewerId)
    .executeTakeFirst();
  if (mentioned) return true;
  if (status.visibility === "direct") return false;
  return (await findFollow(db, "follows", viewerId, status.account_id)) !== undefined;
}

/** Whether any account of a remote instance may see the status (signed fetch by an instance actor). */
export async function mayInstanceViewStatus(db: Executor, status: StatusRow, domain: string): Promise<boolean> {
  if (status.visibility === "public" || status.visibility === "unlisted") return true;
  const mentioned = await db
    .selectFrom("mentions")
    .innerJoin("accounts", "accounts.id", "mentions.account_id")
    .select("mentions.account_id")
    .where("mentions.status_id", "=", status.id)
    .where("accounts.domain", "=", domain)
    .limit(1)
    .executeTakeFirst();
  if (mentioned) return true;
  if (status.visibility === "direct") return false;
  const follower = await db
    .selectFrom("follows")
    .innerJoin("accounts", "accounts.id", "follows.account_id")
    .select("follows.id")
    .where("follows.target_account_id", "=", status.account_id)
    .where("accounts.domain", "=", domain)
    .limit(1)
    .executeTakeFirst();
  return follower !== undefined;
}
