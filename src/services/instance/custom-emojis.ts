// The instance's custom emoji, added and removed by the operator. The image
// stays where the operator hosts it (uploading is the admin API's job later).
import { type CustomEmojiRow, deleteLocalEmoji, findLocalEmoji, insertEmoji } from "../../../db/queries/custom-emojis.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

// Mastodon's CustomEmoji::SHORTCODE_RE_FRAGMENT.
const SHORTCODE = /^[a-zA-Z0-9_]{2,}$/;

const isHttpUrl = (value: string) => URL.canParse(value) && /^https?:/.test(value);

/** Adds a local custom emoji. */
export async function addCustomEmoji(
  deps: ServiceDeps,
  input: { shortcode: string; url: string; staticUrl?: string; category?: string },
): Promise<Result<CustomEmojiRow>> {
  if (!SHORTCODE.test(input.shortcode)) return fail("validation", "A shortcode has at least two letters, digits or underscores");
  if (!isHttpUrl(input.url) || (input.staticUrl !== undefined && !isHttpUrl(input.staticUrl))) return fail("validation", "The image must be an http(s) URL");
  if (await findLocalEmoji(deps.db, input.shortcode)) return fail("conflict", `:${input.shortcode}: exists already`);
  const now = Date.now();
  const row: CustomEmojiRow = {
    id: deps.ids.next(),
    shortcode: input.shortcode,
    domain: null,
    url: input.url,
    static_url: input.staticUrl ?? input.url,
    category: input.category?.trim() || null,
    visible_in_picker: 1,
    disabled: 0,
    created_at: now,
    updated_at: now,
  };
  await writeTransaction(deps, (tx) => insertEmoji(tx, row));
  return ok(row);
}

/** Removes a local custom emoji (reactions with it go too). */
export async function removeCustomEmoji(deps: ServiceDeps, shortcode: string): Promise<Result<void>> {
  const removed = await writeTransaction(deps, (tx) => deleteLocalEmoji(tx, shortcode));
  return removed ? ok(undefined) : fail("not-found", `No custom emoji :${shortcode}:`);
}
