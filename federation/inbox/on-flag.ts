// Inbound Flag: another instance reports a local account (and some of its
// statuses). As Mastodon does, the report's filer is the sending actor,
// usually that server's instance actor; it goes through fileReport like a
// local report (which drops it when a domain block rejects that server's reports).
import type { Flag } from "@fedify/vocab";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import type { ParleyContext } from "../context.ts";
import { flagToReportParts } from "../mappers/report-flag.ts";
import { actorOf, localAccountAt } from "./actor-of.ts";

/** Files the report the Flag carries; objects that are not local are ignored. */
export async function onFlag(ctx: ParleyContext, flag: Flag): Promise<void> {
  if (!flag.id) return;
  const reporter = await actorOf(ctx, flag);
  if (!reporter) return;
  const { objectUris, comment } = flagToReportParts(flag);
  let target = null;
  const statusIds: string[] = [];
  for (const uri of objectUris) {
    const account = await localAccountAt(ctx, uri);
    if (account) {
      target ??= account;
      continue;
    }
    const status = ctx.data.uris.isLocal(uri.href) ? await findStatusByUri(ctx.data.db, uri.href) : undefined;
    if (status) statusIds.push(status.id);
  }
  if (!target) return;
  await ctx.data.services.fileReport({ origin: "remote", accountId: reporter.id, targetAccountId: target.id, statusIds, comment, uri: flag.id.href });
}
