// The admin.report notification that tells a reporter their report was
// resolved names the report in its group key (as Mastodon's grouped keys
// name their target: "<type>-<id>"), so serializers can attach the Report.

const PREFIX = "admin.report-";

/** The group key of the notification about a report. */
export function reportGroupKey(reportId: string): string {
  return `${PREFIX}${reportId}`;
}

/** The report a notification's group key names, or null. */
export function reportIdOfGroupKey(groupKey: string | null): string | null {
  return groupKey?.startsWith(PREFIX) && /^\d+$/.test(groupKey.slice(PREFIX.length)) ? groupKey.slice(PREFIX.length) : null;
}
