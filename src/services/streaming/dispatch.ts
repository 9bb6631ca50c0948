// Turns one domain event into stream messages for the sessions of this process.
// Who gets what follows Mastodon's FanOutOnWriteService and streaming server:
// the user stream carries what the home timeline got, public and hashtag
// streams carry public statuses (not reblogs), lists what the list timeline
// shows; blocks, mutes and domain blocks hide statuses from every stream, and
// each status is serialized for its viewer (flags, visibility checked again).
import { findAccountById } from "../../../db/queries/accounts.ts";
import { findReadersHiding } from "../../../db/queries/hidden-accounts.ts";
import { isKeptFromPublic } from "../../../db/queries/moderated-accounts.ts";
import { findNotification } from "../../../db/queries/notifications.ts";
import { loadRelatedPage } from "../../../db/queries/related-page.ts";
import { loadStatusPage } from "../../../db/queries/status-page.ts";
import { type StatusRow, findStatusById } from "../../../db/queries/statuses.ts";
import {
  findConversationsOfStatus,
  findFollowersAmong,
  findHomeReaders,
  findListsWithMember,
  findStatusRouting,
} from "../../../db/queries/stream-audience.ts";
import { pageListTimeline } from "../../../db/queries/timelines.ts";
import type { Id } from "../../../db/schema/index.ts";
import { participantIdsOf, serializeConversations } from "../../entities/conversation.ts";
import { serializeNotification } from "../../entities/notification.ts";
import { serializeStatus } from "../../entities/status.ts";
import type { ServiceDeps } from "../context.ts";
import { filterVisibleStatuses } from "../visibility/may-view-status.ts";
import { reportIdOfGroupKey } from "../../domain/report-notifications.ts";
import type { OpenSession } from "./hub.ts";
import type { StreamedEvent } from "./relay.ts";
import { isPublicStream, type Stream, streamLabel } from "./streams.ts";

interface Target {
  session: OpenSession;
  stream: Stream;
}

const unique = <T>(values: readonly T[]): T[] => [...new Set(values)];
const viewersOf = (targets: readonly Target[]) => unique(targets.map((t) => t.session.viewer.accountId));

function subscribed(sessions: readonly OpenSession[], wanted: (stream: Stream, session: OpenSession) => boolean): Target[] {
  return sessions.flatMap((session) => [...session.streams.values()].filter((stream) => wanted(stream, session)).map((stream) => ({ session, stream })));
}

function send(targets: readonly Target[], event: string, payloadFor: (viewerId: Id) => string | null | undefined): void {
  for (const { session, stream } of targets) {
    const payload = payloadFor(session.viewer.accountId);
    if (payload) session.sink.send({ stream: streamLabel(stream), event, payload });
  }
}

/** Streams one relayed event to the sessions subscribed to it. */
export async function dispatchEvent(deps: ServiceDeps, sessions: readonly OpenSession[], event: StreamedEvent): Promise<void> {
  switch (event.type) {
    case "status.created":
    case "status.updated":
      return streamStatus(deps, sessions, event.statusId, event.type === "status.created");
    case "status.deleted":
      return streamDeletion(deps, sessions, event);
    case "notification.created":
      return streamNotification(deps, sessions, event);
  }
}

async function streamStatus(deps: ServiceDeps, sessions: readonly OpenSession[], statusId: Id, created: boolean): Promise<void> {
  const status = await findStatusById(deps.db, statusId);
  if (!status) return;
  const home = subscribed(sessions, (stream) => stream.name === "user");
  const readers = new Set(await findHomeReaders(deps.db, status.id, viewersOf(home)));
  const shared = [...(await publicTargets(deps, sessions, status)), ...(await listTargets(deps, sessions, status))];
  const hiding = shared.length ? await readersHiding(deps, status) : new Set<Id>();
  const targets = [...home.filter((t) => readers.has(t.session.viewer.accountId)), ...shared.filter((t) => !hiding.has(t.session.viewer.accountId))];
  const payloads = new Map(await Promise.all(viewersOf(targets).map(async (viewerId) => [viewerId, await renderStatus(deps, status, viewerId)] as const)));
  send(targets, created ? "update" : "status.update", (viewerId) => payloads.get(viewerId));
  if (created && status.visibility === "direct") await streamConversations(deps, sessions, status);
}

// Public timelines: public statuses, no reblogs, no replies to others (hashtags keep replies),
// nothing of a suspended or silenced account (as the public timelines).
async function publicTargets(deps: ServiceDeps, sessions: readonly OpenSession[], status: StatusRow): Promise<Target[]> {
  if (status.visibility !== "public" || status.reblog_of_id !== null) return [];
  const candidates = subscribed(sessions, (stream) => isPublicStream(stream.name));
  if (candidates.length === 0 || (await isKeptFromPublic(deps.db, status.account_id))) return [];
  const { tags, hasMedia } = await findStatusRouting(deps.db, status.id);
  const notAReplyToOthers = status.in_reply_to_uri === null || status.in_reply_to_account_id === status.account_id;
  return candidates.filter(({ stream }) => {
    const [kind, ...modifiers] = stream.name.split(":");
    if (modifiers.includes("local") && status.local !== 1) return false;
    if (modifiers.includes("remote") && status.local === 1) return false;
    if (modifiers.includes("media") && !hasMedia) return false;
    return kind === "hashtag" ? tags.includes(stream.tag!) : notAReplyToOthers;
  });
}

// Lists: asks the list timeline itself whether it shows the status, so its rules live in one place.
async function listTargets(deps: ServiceDeps, sessions: readonly OpenSession[], status: StatusRow): Promise<Target[]> {
  const candidates = subscribed(sessions, (stream) => stream.name === "list");
  if (candidates.length === 0) return [];
  const lists = await findListsWithMember(deps.db, status.account_id, unique(candidates.map((t) => t.stream.list!)));
  const around = { lower: (BigInt(status.id) - 1n).toString(), upper: (BigInt(status.id) + 1n).toString(), ascending: false, limit: 1 };
  const showing = new Map<Id, Id>();
  for (const list of lists) {
    if ((await pageListTimeline(deps.db, list, around)).length > 0) showing.set(list.id, list.account_id);
  }
  return candidates.filter((t) => showing.get(t.stream.list!) === t.session.viewer.accountId);
}

async function readersHiding(deps: ServiceDeps, status: StatusRow): Promise<Set<Id>> {
  const original = status.reblog_of_id ? await findStatusById(deps.db, status.reblog_of_id) : undefined;
  const actorIds = unique([status.account_id, ...(original ? [original.account_id] : [])]);
  const actors = await Promise.all(actorIds.map(async (id) => ({ id, domain: (await findAccountById(deps.db, id))?.domain || null })));
  return findReadersHiding(deps.db, { actors, mentionsOf: original?.id ?? status.id });
}

/** The status as the viewer sees it, as a JSON string; null when the viewer may not see it. */
async function renderStatus(deps: ServiceDeps, status: StatusRow, viewerId: Id): Promise<string | null> {
  const page = await loadStatusPage(deps.db, [status], viewerId);
  const original = status.reblog_of_id ? page.statuses.get(status.reblog_of_id) : undefined;
  const shown = original ? [status, original] : [status];
  if ((await filterVisibleStatuses(deps.db, shown, viewerId)).length < shown.length) return null;
  const entity = serializeStatus({ uris: deps.uris }, page, status);
  return entity ? JSON.stringify(entity) : null;
}

// Direct: each participant's conversation, as /api/v1/conversations shows it.
async function streamConversations(deps: ServiceDeps, sessions: readonly OpenSession[], status: StatusRow): Promise<void> {
  const targets = subscribed(sessions, (stream) => stream.name === "direct");
  if (targets.length === 0) return;
  for (const row of await findConversationsOfStatus(deps.db, status.id, viewersOf(targets))) {
    const related = await loadRelatedPage(deps.db, participantIdsOf(row), [row.last_status_id], row.account_id);
    const [conversation] = serializeConversations({ uris: deps.uris }, [row], related.accounts, related.statuses);
    const payload = JSON.stringify(conversation);
    send(targets.filter((t) => t.session.viewer.accountId === row.account_id), "conversation", () => payload);
  }
}

// A delete goes to whoever may have had the status: the author, its followers
// and mentioned accounts (user and list streams), and public streams when it was public.
async function streamDeletion(deps: ServiceDeps, sessions: readonly OpenSession[], event: Extract<StreamedEvent, { type: "status.deleted" }>): Promise<void> {
  const personal = subscribed(sessions, (stream) => stream.name === "user" || stream.name === "list");
  const audience = new Set([event.accountId, ...event.mentionedAccountIds, ...(await findFollowersAmong(deps.db, event.accountId, viewersOf(personal)))]);
  const targets = [
    ...personal.filter((t) => audience.has(t.session.viewer.accountId)),
    ...(event.visibility === "public" ? subscribed(sessions, (stream) => isPublicStream(stream.name)) : []),
  ];
  send(targets, "delete", () => event.statusId);
}

async function streamNotification(deps: ServiceDeps, sessions: readonly OpenSession[], event: Extract<StreamedEvent, { type: "notification.created" }>): Promise<void> {
  const targets = subscribed(
    sessions.filter((s) => s.viewer.accountId === event.accountId),
    (stream, session) => stream.name === "user:notification" || (stream.name === "user" && session.viewer.readsNotifications),
  );
  if (targets.length === 0) return;
  const row = await findNotification(deps.db, event.accountId, event.notificationId);
  if (!row || row.filtered === 1) return;
  const page = await loadRelatedPage(deps.db, [row.from_account_id], [row.status_id], event.accountId, null, [row.account_warning_id], [reportIdOfGroupKey(row.group_key)]);
  const entity = serializeNotification({ uris: deps.uris }, page, row);
  if (entity) send(targets, "notification", () => JSON.stringify(entity));
}
