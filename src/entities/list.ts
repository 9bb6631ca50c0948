// Lists as Mastodon's List entity.
import type { ListRow } from "../../db/queries/lists.ts";

export interface ListEntity {
  id: string;
  title: string;
  replies_policy: string;
  exclusive: boolean;
}

/** Serializes a list. */
export function serializeList(list: ListRow): ListEntity {
  return { id: list.id, title: list.title, replies_policy: list.replies_policy, exclusive: list.exclusive === 1 };
}
