// The only caller of sendActivity for local actions: activities go to the
// durable queue, to shared inboxes where recipients have one.
import type { Recipient } from "@fedify/vocab";
import type { Activity } from "@fedify/vocab";
import type { ParleyContext } from "../context.ts";

/** Queues an activity from a local actor to the given recipients (deduplicated by inbox). */
export async function send(ctx: ParleyContext, username: string, recipients: Recipient[], activity: Activity): Promise<void> {
  if (recipients.length === 0) return;
  await ctx.sendActivity({ identifier: username }, recipients, activity, { preferSharedInbox: true });
}
