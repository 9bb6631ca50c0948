// A remote ActivityPub actor as the input of Parley's account services.
import { type Actor, getActorTypeName } from "@fedify/vocab";
import type { ActorType } from "../../db/schema/index.ts";
import type { RemoteAccountInput } from "../../src/domain/inputs.ts";
import { htmlToPlainText, sanitizeHtml } from "../../src/domain/sanitize-html.ts";
import { readFields, readImages } from "./actor-profile.ts";
import { readPublicKeys } from "./public-keys.ts";
import { type MapperOptions, readField } from "./read-safely.ts";
import { noTags, readTags } from "./tags.ts";
import { httpUrl, lastPathSegment, pageUrl } from "./urls.ts";

// Mastodon keeps remote names up to 2048 characters
// (Account::DISPLAY_NAME_LENGTH_HARD_LIMIT); no client shows that much.
const MAX_DISPLAY_NAME = 200;
// Raw HTML read from the bio, Mastodon's Account::NOTE_LENGTH_HARD_LIMIT.
const MAX_NOTE_HTML = 20 * 1024;
// Mastodon's Account::ALSO_KNOWN_AS_HARD_LIMIT.
const MAX_ALSO_KNOWN_AS = 256;

// Mastodon's Account::AUTOMATED_ACTOR_TYPES: these are shown as bots.
const AUTOMATED_TYPES: readonly ActorType[] = ["Application", "Service"];

/**
 * Maps a remote actor to the input of the account services, with every HTML
 * field sanitized (docs/adr/0006-remote-html.md). Returns null when the actor
 * has no id or no inbox, which Parley cannot follow or reply to. Each field is
 * read on its own, so one malformed property never loses the actor.
 */
export async function actorToAccountInput(actor: Actor, options: MapperOptions = {}): Promise<RemoteAccountInput | null> {
  const id = actor.id;
  const uri = httpUrl(id);
  const inboxUrl = httpUrl(await readField(id, "inbox", () => actor.inboxId, null));
  if (id == null || uri == null || inboxUrl == null) return null;

  const actorType = await readField<ActorType>(id, "type", () => getActorTypeName(actor), "Person");
  const tags = await readField(id, "tag", () => readTags(actor, options), noTags());
  const { avatarUrl, headerUrl } = await readField(id, "icon", () => readImages(actor, options), { avatarUrl: null, headerUrl: null });
  return {
    uri,
    username: await readField(id, "preferredUsername", () => usernameOf(actor, id), id.host),
    // URL.host is already lowercased and carries the port only when it is not the default.
    domain: id.host.toLowerCase(),
    displayName: await readField(id, "name", () => htmlToPlainText(actor.name?.toString() ?? "").slice(0, MAX_DISPLAY_NAME), ""),
    note: await readField(id, "summary", () => sanitizeHtml((actor.summary?.toString() ?? "").slice(0, MAX_NOTE_HTML)), ""),
    avatarUrl,
    headerUrl,
    fields: await readField(id, "attachment", () => readFields(actor, options), []),
    emojis: tags.emojis,
    locked: await readField(id, "manuallyApprovesFollowers", () => actor.manuallyApprovesFollowers ?? false, false),
    bot: AUTOMATED_TYPES.includes(actorType),
    // Mastodon's default: an actor that does not say is not discoverable.
    discoverable: await readField(id, "discoverable", () => actor.discoverable ?? false, false),
    actorType,
    url: await readField(id, "url", () => pageUrl(actor.urls), null),
    inboxUrl,
    sharedInboxUrl: await readField(id, "endpoints", () => httpUrl(actor.endpoints?.sharedInbox), null),
    outboxUrl: await readField(id, "outbox", () => httpUrl(actor.outboxId), null),
    followersUrl: await readField(id, "followers", () => httpUrl(actor.followersId), null),
    followingUrl: await readField(id, "following", () => httpUrl(actor.followingId), null),
    featuredUrl: await readField(id, "featured", () => httpUrl(actor.featuredId), null),
    publicKeys: await readField(id, "publicKey", () => readPublicKeys(actor, options), []),
    alsoKnownAs: await readField(id, "alsoKnownAs", () => uniqueHttpUrls(actor.aliasIds).slice(0, MAX_ALSO_KNOWN_AS), []),
    movedToUri: await readField(id, "movedTo", () => httpUrl(actor.successorId), null),
    published: await readField(id, "published", () => actor.published?.epochMilliseconds ?? null, null),
  };
}

/** preferredUsername, else the last path segment of the id, else the host. */
function usernameOf(actor: Actor, id: URL): string {
  const preferred = actor.preferredUsername?.toString().trim();
  return preferred || lastPathSegment(id) || id.host;
}

function uniqueHttpUrls(urls: readonly URL[]): string[] {
  const result: string[] = [];
  for (const url of urls) {
    const href = httpUrl(url);
    if (href != null && !result.includes(href)) result.push(href);
  }
  return result;
}
