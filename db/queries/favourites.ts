// Queries on favourites.
import type { Selectable } from "kysely";
import type { FavouritesTable, Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";

export type FavouriteRow = Selectable<FavouritesTable>;

/** The favourite of an account on a status, if any. */
export function findFavourite(db: Executor, accountId: Id, statusId: Id): Promise<FavouriteRow | undefined> {
  return db.selectFrom("favourites").selectAll().where("account_id", "=", accountId).where("status_id", "=", statusId).executeTakeFirst();
}

/** A favourite by its Like activity URI. */
export function findFavouriteByUri(db: Executor, uri: string): Promise<FavouriteRow | undefined> {
  return db.selectFrom("favourites").selectAll().where("uri", "=", uri).executeTakeFirst();
}

/** Inserts a favourite. */
export async function insertFavourite(db: Executor, row: FavouriteRow): Promise<void> {
  await db.insertInto("favourites").values(row).execute();
}

/** Deletes a favourite by id. */
export async function deleteFavourite(db: Executor, id: Id): Promise<void> {
  await db.deleteFrom("favourites").where("id", "=", id).execute();
}
