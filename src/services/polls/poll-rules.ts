// What a local poll may be, as Mastodon's PollValidator has it: 2 to 4
// options of at most 50 characters, no duplicates, open from 5 minutes to
// 30 days. Pure: the caller gives the clock.
import type { PollData } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";

/** A poll as a local author asks for it (the API's poll[...] parameters). */
export interface PollInput {
  options: string[];
  /** Seconds the poll stays open. */
  expiresIn: number;
  multiple: boolean;
  hideTotals: boolean;
}

export const POLL_LIMITS = {
  minOptions: 2,
  maxOptions: 4,
  maxOptionCharacters: 50,
  minExpirationSeconds: 300,
  maxExpirationSeconds: 30 * 24 * 3600,
} as const;

/** Checks a local poll and builds its stored form, open from `now`. */
export function buildLocalPoll(input: PollInput, now: number): Result<PollData> {
  const options = input.options.map((o) => o.trim());
  if (options.length < POLL_LIMITS.minOptions) return fail("validation", "Poll options must have more than one item");
  if (options.length > POLL_LIMITS.maxOptions) return fail("validation", `Poll options can't contain more than ${POLL_LIMITS.maxOptions} items`);
  if (options.some((o) => o === "" || [...o].length > POLL_LIMITS.maxOptionCharacters)) {
    return fail("validation", `Poll options cannot be empty or longer than ${POLL_LIMITS.maxOptionCharacters} characters each`);
  }
  if (new Set(options).size !== options.length) return fail("validation", "Poll options contain duplicate items");
  if (!Number.isInteger(input.expiresIn) || input.expiresIn < POLL_LIMITS.minExpirationSeconds) return fail("validation", "Poll expiration is too soon");
  if (input.expiresIn > POLL_LIMITS.maxExpirationSeconds) return fail("validation", "Poll expiration is too far into the future");
  return ok({
    multiple: input.multiple,
    expiresAt: now + input.expiresIn * 1000,
    options: options.map((title) => ({ title, votesCount: 0 })),
    votersCount: 0,
    hideTotals: input.hideTotals,
  });
}

/** Whether two polls ask the same question (same options, same kind): then votes stand. */
export function samePollChoices(a: PollData | null, b: PollData | null): boolean {
  if (!a || !b) return false;
  return a.multiple === b.multiple && a.options.length === b.options.length && a.options.every((o, i) => o.title === b.options[i]!.title);
}
