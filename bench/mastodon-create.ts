// A Create(Note) shaped like the ones Mastodon 4 sends: its @context array,
// addressed to Public with the author's followers in cc, with a hashtag, the
// ostatus leftovers, contentMap and an empty replies collection.
// (Compare shared/fixtures/activitypub/activities/mastodon-activity-create-*.json.)

const MASTODON_CONTEXT = [
  "https://www.w3.org/ns/activitystreams",
  "https://w3id.org/security/v1",
  {
    ostatus: "http://ostatus.org#",
    atomUri: "ostatus:atomUri",
    inReplyToAtomUri: "ostatus:inReplyToAtomUri",
    conversation: "ostatus:conversation",
    sensitive: "as:sensitive",
    toot: "http://joinmastodon.org/ns#",
    votersCount: "toot:votersCount",
    Hashtag: "as:Hashtag",
    Emoji: "toot:Emoji",
  },
];

const PUBLIC = "https://www.w3.org/ns/activitystreams#Public";

/** The nth Create(Note) of the actor at `actorUri` (ids unique per n). */
export function mastodonCreateNote(actorUri: string, n: number): Record<string, unknown> {
  const origin = new URL(actorUri).origin;
  const username = actorUri.slice(actorUri.lastIndexOf("/") + 1);
  const id = `${actorUri}/statuses/${1_000_000 + n}`;
  const published = new Date().toISOString().replace(/\.\d+Z$/, "Z");
  const content = `<p>Benchmark post number ${n} from ${username}, with a tag: ` +
    `<a href="${origin}/tags/parleybench" class="mention hashtag" rel="tag">#<span>parleybench</span></a></p>`;
  return {
    "@context": MASTODON_CONTEXT,
    id: `${id}/activity`,
    type: "Create",
    actor: actorUri,
    published,
    to: [PUBLIC],
    cc: [`${actorUri}/followers`],
    object: {
      id,
      type: "Note",
      summary: null,
      inReplyTo: null,
      published,
      url: `${origin}/@${username}/${1_000_000 + n}`,
      attributedTo: actorUri,
      to: [PUBLIC],
      cc: [`${actorUri}/followers`],
      sensitive: false,
      atomUri: id,
      inReplyToAtomUri: null,
      conversation: `tag:${new URL(origin).host},2025-01-01:objectId=${n}:objectType=Conversation`,
      content,
      contentMap: { en: content },
      attachment: [],
      tag: [{ type: "Hashtag", href: `${origin}/tags/parleybench`, name: "#parleybench" }],
      replies: {
        id: `${id}/replies`,
        type: "Collection",
        first: { type: "CollectionPage", next: `${id}/replies?only_other_accounts=true&page=true`, partOf: `${id}/replies`, items: [] },
      },
    },
  };
}
