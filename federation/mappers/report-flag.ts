// Reports as ActivityPub: Mastodon's Flag (actor: the reporting instance's
// actor; object: the reported account and statuses; content: the comment),
// and Parley's Flag outcome, an Accept of the Flag whose summary names the
// action taken (docs/adr/0023-reports.md).
import { Accept, Flag } from "@fedify/vocab";
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { ReportRow } from "../../db/queries/reports.ts";

/** The Flag of a forwarded report, with the statuses anyone may see (chosen when it was filed). */
export function reportToFlag(report: ReportRow, actor: URL, target: AccountRow, statusUris: readonly string[]): Flag {
  return new Flag({
    id: new URL(report.uri!),
    actor,
    objects: [new URL(target.uri), ...statusUris.map((uri) => new URL(uri))],
    content: report.comment,
    tos: [new URL(target.uri)],
  });
}

/** What an inbound Flag says, as report input: the reported actor and statuses, and the comment. */
export function flagToReportParts(flag: Flag): { objectUris: URL[]; comment: string } {
  return { objectUris: flag.objectIds.slice(0, 100), comment: flag.content?.toString() ?? "" };
}

/** Parley's Flag outcome: the resolving instance accepts the Flag, naming the action taken in summary. */
export function flagOutcome(id: string, actor: URL, report: ReportRow, reporter: AccountRow): Accept {
  return new Accept({ id: new URL(id), actor, object: new URL(report.uri!), summary: report.action_taken ?? "none", tos: [new URL(reporter.uri)] });
}

/** The action named by a Flag outcome. */
export function outcomeAction(accept: Accept): string {
  return accept.summary?.toString() || "none";
}
