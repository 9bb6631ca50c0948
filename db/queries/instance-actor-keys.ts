// Queries on the instance actor's key pairs (migration 0014-reports).
import type { Selectable } from "kysely";
import type { InstanceActorKeysTable } from "../schema/reports.ts";
import type { Executor } from "./executor.ts";

export type InstanceActorKeyRow = Selectable<InstanceActorKeysTable>;

/** The instance actor's key pairs, RSA first (Fedify signs HTTP Signatures with the first RSA key). */
export function findInstanceActorKeys(db: Executor): Promise<InstanceActorKeyRow[]> {
  return db.selectFrom("instance_actor_keys").selectAll().orderBy("algorithm", "desc").execute();
}

/** Stores key pairs unless some process stored its own first (the first ones win). */
export async function insertInstanceActorKeys(db: Executor, rows: InstanceActorKeyRow[]): Promise<void> {
  await db.insertInto("instance_actor_keys").values(rows).onConflict((oc) => oc.column("algorithm").doNothing()).execute();
}
