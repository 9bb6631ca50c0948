// The only caller of sendActivity for local actions: activities go to the
// durable queue, to shared inboxes where recipients have one. Never to a
// domain the instance refuses (suspended, or not allowed in allowlist mode).
import type { Recipient } from "@fedify/vocab";
import type { Activity } from "@fedify/vocab";
import { domainPolicies } from "../../src/services/moderation/federation-policy.ts";
import type { ParleyContext } from "../context.ts";

/** The recipients whose actor and inboxes are on domains federation is not refused with. */
async function deliverable(ctx: ParleyContext, recipients: Recipient[]): Promise<Recipient[]> {
  const hostsOf = (r: Recipient) => [r.id, r.inboxId, r.endpoints?.sharedInbox].filter((u): u is URL => u != null).map((u) => u.host.toLowerCase());
  const policies = await domainPolicies(ctx.data.db, recipients.flatMap(hostsOf));
  return recipients.filter((r) => hostsOf(r).every((host) => !policies.get(host)?.refused));
}

/** Queues an activity from a local actor to the given recipients (deduplicated by inbox). */
export async function send(ctx: ParleyContext, username: string, recipients: Recipient[], activity: Activity): Promise<void> {
  if (recipients.length === 0) return;
  const allowed = await deliverable(ctx, recipients);
  if (allowed.length === 0) return;
  await ctx.sendActivity({ identifier: username }, allowed, activity, { preferSharedInbox: true });
}
