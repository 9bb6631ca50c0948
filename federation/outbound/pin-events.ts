// Pins of local origin as activities: Add or Remove of the status on the
// actor's featured collection, to followers (as Mastodon's
// StatusPinsController distributes them).
import { Add, Remove } from "@fedify/vocab";
import { findAccountById } from "../../db/queries/accounts.ts";
import { findStatusById } from "../../db/queries/statuses.ts";
import type { DomainEvent } from "../../src/domain/events.ts";
import type { ParleyContext } from "../context.ts";
import { followerRecipients } from "./recipients.ts";
import { send } from "./send.ts";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

/** A pin as Add, an unpin as Remove; a status deleted meanwhile needs neither (its Delete goes out). */
export async function onStatusPinned(ctx: ParleyContext, event: Of<"status.pinned" | "status.unpinned">): Promise<void> {
  const [account, status] = await Promise.all([findAccountById(ctx.data.db, event.accountId), findStatusById(ctx.data.db, event.statusId)]);
  if (!account || account.domain !== null || account.deleted_at !== null || !status) return;
  const Kind = event.type === "status.pinned" ? Add : Remove;
  const activity = new Kind({
    id: new URL(event.activityId),
    actor: ctx.getActorUri(account.username),
    object: new URL(status.uri),
    target: ctx.getFeaturedUri(account.username),
  });
  await send(ctx, account.username, await followerRecipients(ctx.data.db, account.id), activity);
}
