// Queries on favourites.
import type { Selectable } from "kysely";
import type { FavouritesTable, Id } from "../schema/index.ts";
import type { Executor } from "./executor.ts";
import type { StatusRow } from "./statuses.ts";
import { type IdRange, withinRange } from "./timelines.ts";

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

/** A page of an account's favourited statuses, keyed by the favourite's id (as Mastodon pages them). */
export function pageFavouritedStatuses(db: Executor, accountId: Id, range: IdRange): Promise<(StatusRow & { cursor_id: Id })[]> {
  const query = db
    .selectFrom("favourites as f")
    .innerJoin("statuses as s", "s.id", "f.status_id")
    .selectAll("s")
    .select("f.id as cursor_id")
    .where("f.account_id", "=", accountId)
    // A status held for review after it was favourited waits with its author.
    .where((eb) => eb.or([eb("s.held_at", "is", null), eb("s.account_id", "=", accountId)]));
  return withinRange(query, "f.id", range).execute();
}
