// A user's preferences as Mastodon's Preferences entity.
import type { UserSettingsRow } from "../../db/queries/user-settings.ts";

/** Serializes posting defaults; reading preferences are Mastodon's defaults (no web settings yet). */
export function serializePreferences(settings: UserSettingsRow) {
  return {
    "posting:default:visibility": settings.default_privacy,
    "posting:default:sensitive": settings.default_sensitive === 1,
    "posting:default:language": settings.default_language,
    "reading:expand:media": "default",
    "reading:expand:spoilers": false,
  };
}
