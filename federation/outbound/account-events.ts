// Account events of local origin as activities: Update(Person) to followers,
// Delete(actor) to every remote account that knew it.
import { Delete, PUBLIC_COLLECTION, Update } from "@fedify/vocab";
import { findAccountById } from "../../db/queries/accounts.ts";
import type { DomainEvent } from "../../src/domain/events.ts";
import type { ParleyContext } from "../context.ts";
import { accountToActor } from "../mappers/account-to-actor.ts";
import { followerRecipients } from "./recipients.ts";
import { send } from "./send.ts";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

/** A profile change as Update(Person), with the actor embedded. */
export async function onAccountUpdated(ctx: ParleyContext, event: Of<"account.updated">): Promise<void> {
  const account = await findAccountById(ctx.data.db, event.accountId);
  if (!account || account.domain !== null || account.deleted_at !== null) return;
  const actor = accountToActor(ctx, account, await ctx.getActorKeyPairs(account.username));
  const activity = new Update({ id: new URL(event.activityId), actor: actor.id, tos: [PUBLIC_COLLECTION], object: actor });
  await send(ctx, account.username, await followerRecipients(ctx.data.db, account.id), activity);
}

/** A deleted account as Delete(actor), signed with the keys it keeps for this. */
export async function onAccountDeleted(ctx: ParleyContext, event: Of<"account.deleted">): Promise<void> {
  const account = await findAccountById(ctx.data.db, event.accountId);
  if (!account) return;
  const activity = new Delete({ id: new URL(event.activityId), actor: new URL(event.uri), tos: [PUBLIC_COLLECTION], object: new URL(event.uri) });
  const recipients = event.inboxes.map((i) => ({
    id: new URL(i.actorUri),
    inboxId: new URL(i.inbox),
    endpoints: i.sharedInbox ? { sharedInbox: new URL(i.sharedInbox) } : null,
  }));
  await send(ctx, account.username, recipients, activity);
}
