// A follow suggestion as Mastodon's Suggestion entity (API v2).
import type { AccountRow } from "../../db/queries/accounts.ts";
import { serializeAccount } from "./account.ts";
import type { EntityContext } from "./context.ts";

/** Serializes a suggestion; Parley suggests popular local accounts only. */
export function serializeSuggestion(ctx: EntityContext, account: AccountRow) {
  return { source: "global", sources: ["most_followed"], account: serializeAccount(ctx, account) };
}
