// Queries on the key pairs of local accounts.
import type { Selectable } from "kysely";
import type { Id, KeyPairsTable } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type KeyPairRow = Selectable<KeyPairsTable>;

/** Stores an account's key pairs. */
export async function insertKeyPairs(db: Executor, rows: KeyPairRow[]): Promise<void> {
  if (rows.length) await db.insertInto("key_pairs").values(rows).execute();
}

/** An account's key pairs, RSA first (Fedify signs HTTP Signatures with the first RSA key). */
export function findKeyPairs(db: Executor, accountId: Id): Promise<KeyPairRow[]> {
  return db.selectFrom("key_pairs").selectAll().where("account_id", "=", accountId).orderBy("algorithm", "desc").execute();
}
