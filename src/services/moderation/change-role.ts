// Giving a local account a staff role (or taking it away), audited.
import { findLocalAccountByUsername } from "../../../db/queries/accounts.ts";
import type { Role } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { mayAssignRole } from "../../domain/roles.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { type Moderator, recordAudit } from "./audit.ts";

/** Sets the role of local account `username`; the moderator may only assign roles below their own. */
export async function changeRole(deps: ServiceDeps, moderator: Moderator, username: string, role: Role): Promise<Result<{ from: Role; to: Role }>> {
  const account = await findLocalAccountByUsername(deps.db, username);
  if (!account || account.deleted_at !== null) return fail("not-found", `No local account named ${username}`);
  return writeTransaction(deps, async (tx) => {
    const user = await tx.selectFrom("users").select(["id", "role"]).where("account_id", "=", account.id).executeTakeFirst();
    if (!user) return fail("not-found", `No local account named ${username}`);
    if (!mayAssignRole(moderator.role, user.role, role)) return fail("forbidden", "This action is not allowed");
    if (user.role === role) return ok({ from: user.role, to: role });
    await tx.updateTable("users").set({ role }).where("id", "=", user.id).execute();
    await recordAudit(deps, tx, moderator, { action: "role.change", targetType: "account", targetId: account.id, data: { from: user.role, to: role } });
    return ok({ from: user.role, to: role });
  });
}
