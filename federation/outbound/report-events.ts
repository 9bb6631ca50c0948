// Report events as activities, sent from the instance actor: a forwarded
// report as a Flag to the reported account's instance (and to the instances
// of the accounts its statuses reply to), and Parley's Flag outcome back to
// a remote instance whose report was resolved here.
import { findAccountById, findAccountsByIds } from "../../db/queries/accounts.ts";
import { findReportById } from "../../db/queries/reports.ts";
import type { DomainEvent } from "../../src/domain/events.ts";
import { INSTANCE_ACTOR } from "../../src/domain/instance-actor.ts";
import type { ParleyContext } from "../context.ts";
import { flagOutcome, reportToFlag } from "../mappers/report-flag.ts";
import { remoteRecipients } from "./recipients.ts";
import { send } from "./send.ts";

type Of<T extends DomainEvent["type"]> = Extract<DomainEvent, { type: T }>;

/** A forwarded report as a Flag from the instance actor, to the recipients chosen when it was filed. */
export async function onReportForwarded(ctx: ParleyContext, event: Of<"report.forwarded">): Promise<void> {
  const { db } = ctx.data;
  const report = await findReportById(db, event.reportId);
  const recipients = await findAccountsByIds(db, event.recipientIds);
  const target = recipients.find((account) => account.id === report?.target_account_id);
  if (!report?.uri || !target?.domain) return;
  const flag = reportToFlag(report, ctx.getActorUri(INSTANCE_ACTOR), target, event.statusUris);
  await send(ctx, INSTANCE_ACTOR, remoteRecipients(recipients), flag);
}

/** A resolved report of a remote instance: Parley's Flag outcome to its actor. */
export async function onReportResolved(ctx: ParleyContext, event: Of<"report.resolved">): Promise<void> {
  const report = await findReportById(ctx.data.db, event.reportId);
  const reporter = report && (await findAccountById(ctx.data.db, report.account_id));
  if (!report?.uri || !reporter?.domain) return;
  await send(ctx, INSTANCE_ACTOR, remoteRecipients([reporter]), flagOutcome(event.activityId, ctx.getActorUri(INSTANCE_ACTOR), report, reporter));
}
