// Queries on OAuth applications (clients). Their secrets are stored hashed,
// like tokens (hashSecret in oauth-tokens.ts).
import type { Insertable, Selectable } from "kysely";
import type { Id } from "../schema/index.ts";
import type { OAuthApplicationsTable } from "../schema/oauth.ts";
import type { Executor } from "./executor.ts";

export type ApplicationRow = Selectable<OAuthApplicationsTable>;

/** Inserts an application row. */
export async function insertApplication(db: Executor, row: Insertable<OAuthApplicationsTable>): Promise<void> {
  await db.insertInto("oauth_applications").values(row).execute();
}

/** A live (not revoked) application by its public client_id. */
export function findApplicationByClientId(db: Executor, clientId: string): Promise<ApplicationRow | undefined> {
  return db.selectFrom("oauth_applications").selectAll().where("client_id", "=", clientId).where("revoked_at", "is", null).executeTakeFirst();
}

/** An application by id, revoked ones included. */
export function findApplicationById(db: Executor, id: Id): Promise<ApplicationRow | undefined> {
  return db.selectFrom("oauth_applications").selectAll().where("id", "=", id).executeTakeFirst();
}

/** Marks an application revoked; its tokens stop working with it (findActiveToken). */
export async function revokeApplicationRow(db: Executor, id: Id, at: number): Promise<void> {
  await db.updateTable("oauth_applications").set({ revoked_at: at }).where("id", "=", id).where("revoked_at", "is", null).execute();
}
