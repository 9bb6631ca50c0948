// The Mastodon client API: mounts each resource's router behind the
// instance's dependencies and token authentication (CORS is set in app.ts,
// before the federation, so .well-known answers carry it too).
import { Hono } from "hono";
import type { ApiDeps, ApiEnv } from "./env.ts";
import { authenticate } from "./middleware/auth.ts";
import { oauthRoutes } from "./oauth/index.ts";
import { accountsRoutes } from "./v1/accounts.ts";
import { appsRoutes } from "./v1/apps.ts";
import { registrationsRoutes } from "./v1/registrations.ts";
import { accountListsRoutes } from "./v1/account-lists.ts";
import { conversationsRoutes } from "./v1/conversations.ts";
import { listsRoutes } from "./v1/lists.ts";
import { markersRoutes } from "./v1/markers.ts";
import { notificationRequestsRoutes } from "./v1/notification-requests.ts";
import { notificationsRoutes } from "./v1/notifications.ts";
import { notificationPolicyRoutes } from "./v2/notification-policy.ts";
import { notificationsV2Routes } from "./v2/notifications.ts";
import { blocksRoutes } from "./v1/blocks.ts";
import { directoryRoutes } from "./v1/directory.ts";
import { domainBlocksRoutes } from "./v1/domain-blocks.ts";
import { endorsementsRoutes } from "./v1/endorsements.ts";
import { featuredTagsRoutes } from "./v1/featured-tags.ts";
import { followRequestsRoutes } from "./v1/follow-requests.ts";
import { followedTagsRoutes } from "./v1/followed-tags.ts";
import { mutesRoutes } from "./v1/mutes.ts";
import { preferencesRoutes } from "./v1/preferences.ts";
import { profileRoutes } from "./v1/profile.ts";
import { suggestionsRoutes } from "./v1/suggestions.ts";
import { tagsRoutes } from "./v1/tags.ts";
import { suggestionsV2Routes } from "./v2/suggestions.ts";
import { mediaRoutes } from "./v1/media.ts";
import { bookmarksRoutes } from "./v1/bookmarks.ts";
import { favouritesRoutes } from "./v1/favourites.ts";
import { pollsRoutes } from "./v1/polls.ts";
import { scheduledStatusesRoutes } from "./v1/scheduled-statuses.ts";
import { statusesRoutes } from "./v1/statuses.ts";
import { timelinesRoutes } from "./v1/timelines.ts";
import { authPageRoutes } from "../../web/auth/routes.ts";
import { mediaV2Routes } from "./v2/media.ts";

/** Builds the API app for one instance. */
export function mastodonApi(deps: ApiDeps): Hono<ApiEnv> {
  const api = new Hono<ApiEnv>();
  api.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  api.use("/api/*", authenticate());
  api.route("/api/v1/accounts", accountsRoutes());
  api.route("/api/v1/accounts", registrationsRoutes());
  api.route("/api/v1/apps", appsRoutes());
  api.route("/api/v1/blocks", blocksRoutes());
  api.route("/api/v1/mutes", mutesRoutes());
  api.route("/api/v1/follow_requests", followRequestsRoutes());
  api.route("/api/v1/domain_blocks", domainBlocksRoutes());
  api.route("/api/v1/endorsements", endorsementsRoutes());
  api.route("/api/v1/featured_tags", featuredTagsRoutes());
  api.route("/api/v1/followed_tags", followedTagsRoutes());
  api.route("/api/v1/tags", tagsRoutes());
  api.route("/api/v1/suggestions", suggestionsRoutes());
  api.route("/api/v2/suggestions", suggestionsV2Routes());
  api.route("/api/v1/directory", directoryRoutes());
  api.route("/api/v1/preferences", preferencesRoutes());
  api.route("/api/v1/profile", profileRoutes());
  api.route("/api/v1/statuses", statusesRoutes());
  api.route("/api/v1/polls", pollsRoutes());
  api.route("/api/v1/scheduled_statuses", scheduledStatusesRoutes());
  api.route("/api/v1/bookmarks", bookmarksRoutes());
  api.route("/api/v1/favourites", favouritesRoutes());
  api.route("/api/v1/timelines", timelinesRoutes());
  api.route("/api/v1/accounts", accountListsRoutes());
  api.route("/api/v1/lists", listsRoutes());
  api.route("/api/v1/markers", markersRoutes());
  api.route("/api/v1/notifications/requests", notificationRequestsRoutes());
  api.route("/api/v1/notifications", notificationsRoutes());
  api.route("/api/v2/notifications/policy", notificationPolicyRoutes());
  api.route("/api/v2/notifications", notificationsV2Routes());
  api.route("/api/v1/conversations", conversationsRoutes());
  api.route("/api/v1/media", mediaRoutes());
  api.route("/api/v2/media", mediaV2Routes());
  api.route("/", oauthRoutes());
  api.route("/auth", authPageRoutes());
  api.all("/api/*", (c) => c.json({ error: "Record not found" }, 404));
  return api;
}
