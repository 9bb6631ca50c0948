// The object of an inbound activity, with Fedify's default origin checks: an
// embedded object of another origin is fetched from its own origin. A fetch
// that fails (gone, forged, unreachable) means there is nothing to act on;
// it must not make the whole activity fail and be retried.
import type { Activity, Object as APObject } from "@fedify/vocab";
import { getLogger } from "@logtape/logtape";
import type { ParleyContext } from "../context.ts";
import { refusesFetchFrom } from "../resolve/lookup-remote.ts";

const logger = getLogger(["parley", "federation", "inbox"]);

/** The activity's object, or null when it cannot be had from its origin. */
export async function objectOf(ctx: ParleyContext, activity: Activity): Promise<APObject | null> {
  // An object on a refused domain is not fetched, whoever sends it.
  if (activity.objectId && !ctx.data.uris.isLocal(activity.objectId.href) && (await refusesFetchFrom(ctx, activity.objectId.href))) return null;
  try {
    return await activity.getObject(ctx);
  } catch (error) {
    logger.info("Ignoring {type} {id}: its object could not be had: {error}", {
      type: activity.constructor.name,
      id: activity.id?.href,
      error,
    });
    return null;
  }
}
