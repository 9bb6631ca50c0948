// The instance's own custom emoji (the table also has room for remote ones).
import type { Insertable, Selectable } from "kysely";
import type { CustomEmojisTable } from "../schema/instance.ts";
import type { Executor } from "./executor.ts";

export type CustomEmojiRow = Selectable<CustomEmojisTable>;

/** Enabled local emoji, by category then shortcode. */
export function listLocalEmojis(db: Executor): Promise<CustomEmojiRow[]> {
  return db
    .selectFrom("custom_emojis")
    .selectAll()
    .where("domain", "is", null)
    .where("disabled", "=", 0)
    .orderBy("category")
    .orderBy("shortcode")
    .execute();
}

/** An enabled local emoji by its exact shortcode. */
export function findLocalEmoji(db: Executor, shortcode: string): Promise<CustomEmojiRow | undefined> {
  return db.selectFrom("custom_emojis").selectAll().where("domain", "is", null).where("disabled", "=", 0).where("shortcode", "=", shortcode).executeTakeFirst();
}

/** Inserts an emoji. */
export async function insertEmoji(db: Executor, row: Insertable<CustomEmojisTable>): Promise<void> {
  await db.insertInto("custom_emojis").values(row).execute();
}

/** Deletes a local emoji; false when there was none. */
export async function deleteLocalEmoji(db: Executor, shortcode: string): Promise<boolean> {
  const result = await db.deleteFrom("custom_emojis").where("domain", "is", null).where("shortcode", "=", shortcode).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
