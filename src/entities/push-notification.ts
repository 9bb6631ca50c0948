// The payload of a Web Push message, as Mastodon's Web::NotificationSerializer
// writes it: what a client shows before it fetches anything (the title is
// Mastodon's English notification_mailer subject).
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { NotificationRow } from "../../db/queries/notifications.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import { htmlToPlainText } from "../domain/sanitize-html.ts";
import { serializeAccount } from "./account.ts";
import type { EntityContext } from "./context.ts";

export interface PushNotificationPayload {
  access_token: string;
  preferred_locale: string;
  notification_id: string;
  notification_type: string;
  icon: string;
  title: string;
  body: string;
}

const TITLES: Record<string, (name: string) => string> = {
  mention: (name) => `You were mentioned by ${name}`,
  status: (name) => `${name} just posted`,
  reblog: (name) => `${name} boosted your post`,
  follow: (name) => `${name} is now following you`,
  follow_request: (name) => `Pending follower: ${name}`,
  favourite: (name) => `${name} favorited your post`,
  poll: (name) => `A poll by ${name} has ended`,
  update: (name) => `${name} edited a post`,
  "admin.sign_up": (name) => `${name} signed up`,
  "admin.report": (name) => `${name} submitted a report`,
};

const BODY_LENGTH = 140;

// Rails' truncate: at most `length` characters, the last three an ellipsis when cut.
function truncate(text: string, length: number): string {
  const characters = [...text];
  return characters.length <= length ? text : `${characters.slice(0, length - 3).join("")}...`;
}

/** Builds the payload of one notification for one subscription. */
export function serializePushNotification(
  ctx: EntityContext,
  notification: NotificationRow,
  from: AccountRow,
  status: StatusRow | undefined,
  subscriber: { accessToken: string; locale: string },
): PushNotificationPayload {
  const name = from.display_name.trim() || from.username;
  // The content warning when there is one, else the text; for follows, the follower's bio.
  const html = status ? status.spoiler_text || status.content : from.note;
  return {
    access_token: subscriber.accessToken,
    preferred_locale: subscriber.locale,
    notification_id: notification.id,
    notification_type: notification.type,
    icon: serializeAccount(ctx, from).avatar_static,
    title: (TITLES[notification.type] ?? TITLES.mention!)(name),
    body: truncate(htmlToPlainText(html).trim(), BODY_LENGTH),
  };
}
