// Time-sortable ids, Mastodon style: milliseconds since the epoch in the high
// bits, a sequence in the low 16 bits, written as a string of digits. Clients
// page with max_id/since_id/min_id and compare ids as numbers
// (docs/adr/0001-snowflake-ids.md).
import { randomInt } from "node:crypto";
import type { Id } from "../../db/schema/index.ts";

const SEQUENCE_BITS = 16n;
const SEQUENCE_MASK = (1 << 16) - 1;
// Ids of 1975 and earlier would fit a JS number; keeping every id above
// 2^53 keeps "a big integer is an id" true (db/bigint-values.ts).
const EARLIEST_MS = Date.UTC(1975, 0, 1);

export interface IdGenerator {
  /** A new id for something happening now. */
  next(): Id;
  /** A new id that sorts at the given time (a remote status's publication). */
  at(ms: number): Id;
}

/** Creates a generator; each instance keeps its own sequence, starting at random. */
export function createIdGenerator(): IdGenerator {
  let sequence = randomInt(SEQUENCE_MASK + 1);
  const at = (ms: number): Id => {
    sequence = (sequence + 1) & SEQUENCE_MASK;
    const time = BigInt(Math.max(Math.floor(ms), EARLIEST_MS));
    return ((time << SEQUENCE_BITS) | BigInt(sequence)).toString();
  };
  return { next: () => at(Date.now()), at };
}

/** The smallest id of a given millisecond: a bound for time-based paging. */
export function idFloorAt(ms: number): Id {
  return (BigInt(Math.floor(ms)) << SEQUENCE_BITS).toString();
}

/** Whether a client-supplied value looks like one of our ids. */
export function isId(value: string): boolean {
  return /^[0-9]{1,19}$/.test(value) && BigInt(value) < 2n ** 63n;
}
