// A Question's options and counts, as Parley's poll.
import type { Object as APObject, Question } from "@fedify/vocab";
import type { PollData } from "../../db/schema/index.ts";
import { htmlToPlainText } from "../../src/domain/sanitize-html.ts";
import { collect, getterOptions, type MapperOptions, readField } from "./read-safely.ts";

// Far more options than any server allows; a bound on hostile documents.
const MAX_OPTIONS = 64;
const MAX_OPTION_TITLE = 200;

/**
 * Reads a Question as a poll, or null when it has no options. Options are
 * anyOf (multiple choice) or oneOf; each option's votes are its
 * replies.totalItems. As in Mastodon (ActivityPub::Activity::Create#process_poll):
 * a `closed` time ends the poll then, `closed: true` ends it now, else
 * `endTime` does.
 */
export async function readPoll(question: Question, options: MapperOptions, now: number): Promise<PollData | null> {
  // Options are embedded in the Question by its author.
  const lookup = getterOptions(options, "trust");
  const anyOf = await collect(question.id, "anyOf", () => question.getInclusiveOptions(lookup), MAX_OPTIONS);
  const oneOf = anyOf.length > 0 ? [] : await collect(question.id, "oneOf", () => question.getExclusiveOptions(lookup), MAX_OPTIONS);
  const items = anyOf.length > 0 ? anyOf : oneOf;
  if (items.length === 0) return null;
  const pollOptions = [];
  for (const item of items) {
    pollOptions.push({
      title: titleOf(item),
      votesCount: await readField(item.id, "replies.totalItems", () => votesOf(item, options), 0),
    });
  }
  return {
    multiple: anyOf.length > 0,
    expiresAt: await readField(question.id, "endTime", () => expiresAt(question, now), null),
    options: pollOptions,
    votersCount: await readField(question.id, "votersCount", () => nonNegative(question.voters), null),
  };
}

function titleOf(item: APObject): string {
  // Mastodon: the option's name, else its content.
  const raw = item.name?.toString().trim() || item.content?.toString() || "";
  return htmlToPlainText(raw).slice(0, MAX_OPTION_TITLE);
}

async function votesOf(item: APObject, options: MapperOptions): Promise<number> {
  const replies = await item.getReplies(getterOptions(options, "trust"));
  return nonNegative(replies?.totalItems) ?? 0;
}

function expiresAt(question: Question, now: number): number | null {
  const closed = question.closed;
  if (closed === true) return now;
  if (closed != null && typeof closed === "object") return closed.epochMilliseconds;
  return question.endTime?.epochMilliseconds ?? null;
}

function nonNegative(value: number | null | undefined): number | null {
  return typeof value === "number" && Number.isInteger(value) && value >= 0 ? value : null;
}
