// Rows of the timeline benchmark's database, generated in memory from a fixed
// seed (the same data every run): accounts on many instances with a skewed
// posting rate, and statuses in time order shaped like a Mastodon server's:
// replies in threads, reblogs, mentions, hashtags, media, polls, content
// warnings, custom emoji and every visibility.
import type { Insertable } from "kysely";
import type { AccountsTable, MediaAttachmentsTable, StatusesTable, Visibility } from "../db/schema/index.ts";

export const ORIGIN = "https://parley.bench";
export const DAY_MS = 86_400_000;
// Statuses are spread over this many days before the seed's "now".
const SPAN_DAYS = 60;
const LOCAL_ACCOUNTS_SHARE = 0.05;
const REMOTE_DOMAINS = 300;

/** A small, fast, deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A snowflake id as src/domain/ids.ts makes them: milliseconds << 16 | sequence. */
export function idAt(ms: number, sequence: number): string {
  return ((BigInt(Math.floor(ms)) << 16n) | BigInt(sequence & 0xffff)).toString();
}

export interface SeedAccount {
  id: string;
  username: string;
  domain: string | null;
  uri: string;
  url: string;
}

const WORDS = (
  "the a of to and in is it you that was for on are with as I his they be at one have this from or had by hot word but what some we can out " +
  "other were all there when up use your how said an each she which do their time if will way about many then them write would like so these " +
  "her long make thing see him two has look more day could go come did number sound no most people my over know water than call first who may " +
  "down side been now find any new work part take get place made live where after back little only round man year came show every good me give " +
  "our under name very through just form sentence great think say help low line differ turn cause much mean before move right boy old too same " +
  "tell does set three want air well also play small end put home read hand port large spell add even land here must big high such follow act " +
  "federation server timeline instance toot boost coffee train weather garden release bug patch compile music photo cat dog mountain river"
).split(" ");
const TAG_WORDS = [
  "photography", "art", "music", "caturday", "fediverse", "linux", "opensource", "rust", "typescript", "books", "science", "climate",
  "gardening", "coffee", "cycling", "foss", "gamedev", "introduction", "news", "politics", "mastodon", "history", "space", "birds",
];

/** Tag names: a word, sometimes with a number; display names keep some capitals. */
export function tagNames(count: number): { name: string; display: string }[] {
  return Array.from({ length: count }, (_, i) => {
    const word = TAG_WORDS[i % TAG_WORDS.length]!;
    const display = i < TAG_WORDS.length ? word : `${word.charAt(0).toUpperCase()}${word.slice(1)}${Math.floor(i / TAG_WORDS.length)}`;
    return { name: display.toLowerCase(), display };
  });
}

/** Accounts: the first LOCAL share is local (the readers come first), the rest on REMOTE_DOMAINS instances. */
export function makeAccounts(count: number, now: number): { seeds: SeedAccount[]; rows: Insertable<AccountsTable>[] } {
  const rand = random(1);
  const locals = Math.max(1, Math.round(count * LOCAL_ACCOUNTS_SHARE));
  const seeds: SeedAccount[] = [];
  const rows: Insertable<AccountsTable>[] = [];
  for (let i = 0; i < count; i++) {
    const local = i < locals;
    const username = `${local ? "local" : "user"}${i}`;
    const domain = local ? null : `instance${String(i % REMOTE_DOMAINS).padStart(3, "0")}.example`;
    const base = local ? ORIGIN : `https://${domain}`;
    const uri = `${base}/users/${username}`;
    const url = `${base}/@${username}`;
    const created = Math.floor(now - (400 + rand() * 2_000) * DAY_MS);
    const id = idAt(created, i);
    seeds.push({ id, username, domain, uri, url });
    const withFields = rand() < 0.4;
    rows.push({
      id, username, domain,
      display_name: rand() < 0.9 ? `${WORDS[Math.floor(rand() * WORDS.length)]} ${username} :blobcat:` : "",
      note: `<p>${sentence(rand, 12)}</p>`,
      avatar_url: rand() < 0.85 ? `${base}/system/accounts/avatars/${i}/original/a.png` : null,
      header_url: rand() < 0.6 ? `${base}/system/accounts/headers/${i}/original/h.jpg` : null,
      fields: withFields
        ? JSON.stringify([
          { name: "Website", value: `<a href="https://${username}.example" rel="me nofollow noopener">${username}.example</a>`, verifiedAt: rand() < 0.5 ? created : null },
          { name: "Pronouns", value: "they/them", verifiedAt: null },
        ])
        : "[]",
      emojis: JSON.stringify([{ shortcode: "blobcat", url: `${base}/emoji/blobcat.png` }]),
      locked: rand() < 0.1 ? 1 : 0,
      bot: rand() < 0.03 ? 1 : 0,
      discoverable: rand() < 0.7 ? 1 : 0,
      actor_type: "Person",
      uri, url,
      inbox_url: `${uri}/inbox`,
      shared_inbox_url: local ? null : `${base}/inbox`,
      outbox_url: `${uri}/outbox`,
      followers_url: `${uri}/followers`,
      following_url: `${uri}/following`,
      featured_url: local ? null : `${uri}/collections/featured`,
      public_keys: "[]",
      also_known_as: "[]",
      moved_to_account_id: null,
      followers_count: Math.floor(rand() * 2_000),
      following_count: Math.floor(rand() * 800),
      statuses_count: 0,
      last_status_at: null,
      created_at: created,
      updated_at: created,
      fetched_at: local ? null : Math.floor(now - rand() * DAY_MS),
      deleted_at: null,
    });
  }
  return { seeds, rows };
}

function sentence(rand: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(WORDS[Math.floor(rand() * WORDS.length)]!);
  return out.join(" ");
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** One status with what hangs off it. */
export interface SeedStatus {
  row: Insertable<StatusesTable>;
  mentions: number[];
  tags: number[];
  media: Insertable<MediaAttachmentsTable>[];
}

/**
 * Generates statuses oldest first, in batches: each status picks its author by
 * a skewed rate, then is a reblog (15%), a reply in a thread (20%) or a new
 * post; mentions, tags and media come with it.
 */
export class StatusGenerator {
  readonly #rand = random(2);
  readonly #accounts: SeedAccount[];
  readonly #cumulative: Float64Array;
  readonly #tagCumulative: Float64Array;
  readonly #tags: readonly string[];
  readonly #total: number;
  readonly #start: number;
  readonly #step: number;
  readonly #applicationId: string;
  // Per generated status: id, author index, thread root id, visibility, whether it may be boosted.
  readonly ids: string[] = [];
  readonly authors: Int32Array;
  readonly #threads: string[] = [];
  readonly #boostable: Uint8Array;
  #next = 0;

  constructor(accounts: SeedAccount[], total: number, tags: readonly string[], now: number, applicationId: string) {
    this.#accounts = accounts;
    this.#tags = tags;
    this.#total = total;
    this.#applicationId = applicationId;
    this.authors = new Int32Array(total);
    this.#boostable = new Uint8Array(total);
    this.#start = now - SPAN_DAYS * DAY_MS;
    this.#step = (SPAN_DAYS * DAY_MS) / total;
    // Posting rates follow a power law over a shuffled order of accounts.
    const order = accounts.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(this.#rand() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    const weights = new Float64Array(accounts.length);
    order.forEach((account, rank) => (weights[account] = 1 / (rank + 20) ** 0.8));
    this.#cumulative = cumulate(weights);
    this.#tagCumulative = cumulate(Float64Array.from({ length: tags.length }, (_, rank) => 1 / (rank + 1)));
  }

  get done(): boolean {
    return this.#next >= this.#total;
  }

  #pick(cumulative: Float64Array): number {
    const target = this.#rand() * cumulative[cumulative.length - 1]!;
    let low = 0;
    let high = cumulative.length - 1;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (cumulative[mid]! < target) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  // An earlier status, most often a recent one.
  #earlier(index: number, boostable: boolean): number | null {
    for (let attempt = 0; attempt < 8; attempt++) {
      const back = Math.floor(this.#rand() ** 3 * Math.min(index, 50_000)) + 1;
      const candidate = index - back;
      if (candidate < 0) return null;
      if (!boostable || this.#boostable[candidate] === 1) return candidate;
    }
    return null;
  }

  /** The next `count` statuses (fewer at the end). */
  batch(count: number): SeedStatus[] {
    const out: SeedStatus[] = [];
    for (let n = 0; n < count && !this.done; n++) out.push(this.#one(this.#next++));
    return out;
  }

  #one(index: number): SeedStatus {
    const rand = this.#rand;
    const created = Math.floor(this.#start + index * this.#step + rand() * this.#step * 0.9);
    const id = idAt(created, index);
    const authorIndex = this.#pick(this.#cumulative);
    const author = this.#accounts[authorIndex]!;
    const local = author.domain === null;
    const uri = `${author.uri}/statuses/${id}`;
    this.ids.push(id);
    this.authors[index] = authorIndex;
    const roll = rand();
    const original = roll < 0.15 ? this.#earlier(index, true) : null;
    if (original !== null) {
      this.#threads.push(id);
      return {
        row: {
          id, uri: `${uri}/activity`, url: null, account_id: author.id, local: local ? 1 : 0,
          in_reply_to_id: null, in_reply_to_uri: null, in_reply_to_account_id: null, reblog_of_id: this.ids[original]!,
          object_type: "Note", content: "", text: null, name: null, spoiler_text: "", sensitive: 0, visibility: "public",
          language: null, emojis: "[]", poll: "null", replies_count: 0, reblogs_count: 0, favourites_count: 0,
          created_at: created, edited_at: null, updated_at: created, thread_id: id, application_id: null,
        },
        mentions: [], tags: [], media: [],
      };
    }
    const parent = roll < 0.35 ? this.#earlier(index, false) : null;
    const visibilityRoll = rand();
    const visibility: Visibility = visibilityRoll < 0.65 ? "public" : visibilityRoll < 0.8 ? "unlisted" : visibilityRoll < 0.93 ? "private" : "direct";
    const mentions = new Set<number>();
    if (parent !== null && this.authors[parent] !== authorIndex) mentions.add(this.authors[parent]!);
    if (visibility === "direct" || rand() < 0.1) {
      const extra = 1 + Math.floor(rand() * 2);
      // A tenth of mentions go to the first local accounts, the benchmark's readers.
      for (let i = 0; i < extra; i++) mentions.add(rand() < 0.1 ? Math.floor(rand() * 10) : Math.floor(rand() * this.#accounts.length));
    }
    mentions.delete(authorIndex);
    const tags = new Set<number>();
    if (rand() < 0.2) {
      const count = 1 + Math.floor(rand() * 3);
      for (let i = 0; i < count; i++) tags.add(this.#pick(this.#tagCumulative));
    }
    const withPoll = rand() < 0.01;
    const mediaCount = !withPoll && rand() < 0.12 ? 1 + Math.floor(rand() ** 2 * 4) : 0;
    const warned = rand() < 0.05;
    const emoji = rand() < 0.03;
    const text = sentence(rand, 8 + Math.floor(rand() * 40));
    const mentionHtml = [...mentions].map((m) => {
      const target = this.#accounts[m]!;
      return `<span class="h-card" translate="no"><a href="${target.url}" class="u-url mention">@<span>${target.username}</span></a></span>`;
    });
    const tagHtml = [...tags].map((t) => `<a href="${ORIGIN}/tags/${this.#tags[t]}" class="mention hashtag" rel="tag">#<span>${this.#tags[t]}</span></a>`);
    const content = `<p>${[...mentionHtml, escapeHtml(text), ...tagHtml].join(" ")}${emoji ? " :blobcat:" : ""}</p>`;
    const languageRoll = rand();
    const media: Insertable<MediaAttachmentsTable>[] = [];
    for (let position = 0; position < mediaCount; position++) {
      const remote = `https://${author.domain ?? "parley.bench"}/system/media_attachments/files/${id}/${position}/original/p.jpg`;
      media.push({
        id: (BigInt(id) + BigInt(position + 1)).toString(),
        status_id: id,
        account_id: author.id,
        type: rand() < 0.9 ? "image" : "video",
        remote_url: local ? null : remote,
        url: local ? `${ORIGIN}/media/${id}-${position}.jpg` : null,
        preview_url: local ? `${ORIGIN}/media/${id}-${position}-small.jpg` : null,
        media_type: "image/jpeg",
        description: rand() < 0.5 ? sentence(rand, 10) : null,
        blurhash: "UBL_:rOpGG-oBUNG,qRj2so|=eE1w^n4S5NH",
        meta: JSON.stringify({ original: { width: 1600, height: 1200, size: "1600x1200", aspect: 1.333 }, small: { width: 640, height: 480, size: "640x480", aspect: 1.333 } }),
        position,
        created_at: created,
      });
    }
    const thread = parent === null ? id : this.#threads[parent]!;
    this.#threads.push(thread);
    if (visibility === "public" || visibility === "unlisted") this.#boostable[index] = 1;
    const parentAuthor = parent === null ? null : this.#accounts[this.authors[parent]!]!;
    return {
      row: {
        id, uri, url: `${author.url}/${id}`, account_id: author.id, local: local ? 1 : 0,
        in_reply_to_id: parent === null ? null : this.ids[parent]!,
        in_reply_to_uri: parentAuthor === null ? null : `${parentAuthor.uri}/statuses/${this.ids[parent!]}`,
        in_reply_to_account_id: parentAuthor?.id ?? null,
        reblog_of_id: null,
        object_type: withPoll ? "Question" : "Note",
        content,
        text: local ? text : null,
        name: null,
        spoiler_text: warned ? sentence(rand, 3) : "",
        sensitive: warned || (mediaCount > 0 && rand() < 0.1) ? 1 : 0,
        visibility,
        language: languageRoll < 0.7 ? "en" : languageRoll < 0.8 ? "de" : languageRoll < 0.88 ? "ja" : languageRoll < 0.95 ? "fr" : null,
        emojis: emoji ? JSON.stringify([{ shortcode: "blobcat", url: `https://${author.domain ?? "parley.bench"}/emoji/blobcat.png` }]) : "[]",
        poll: withPoll
          ? JSON.stringify({
            multiple: rand() < 0.3,
            expiresAt: created + DAY_MS,
            options: ["yes", "no", "maybe"].map((title) => ({ title, votesCount: Math.floor(rand() * 50) })),
            votersCount: Math.floor(rand() * 100),
          })
          : "null",
        replies_count: Math.floor(rand() ** 4 * 30),
        reblogs_count: Math.floor(rand() ** 4 * 60),
        favourites_count: Math.floor(rand() ** 3 * 120),
        created_at: created,
        edited_at: rand() < 0.03 ? created + 60_000 : null,
        updated_at: created,
        thread_id: thread,
        application_id: local ? this.#applicationId : null,
      },
      mentions: [...mentions],
      tags: [...tags],
      media,
    };
  }
}

function cumulate(weights: Float64Array): Float64Array {
  const out = new Float64Array(weights.length);
  let sum = 0;
  for (let i = 0; i < weights.length; i++) out[i] = sum += weights[i]!;
  return out;
}
