// The two lanes of a queue listener, each with its own parallelism: Fedify's
// outbound deliveries (its "outbox" and "fanout" messages) mostly wait on
// remote servers and want many in flight; everything else (inbox work) is
// bound by CPU and the database and wants few. Neither lane waits behind the
// other's backlog (docs/adr/0018-performance.md).
import { type RawBuilder, sql } from "kysely";

export type LaneName = "deliveries" | "other";
export const LANES: readonly LaneName[] = ["deliveries", "other"];

const DELIVERY_TYPES: readonly unknown[] = ["outbox", "fanout"];
// encodeMessage() puts a typed message's type first, so a delivery's payload
// starts with one of these; SQL tells the lanes apart by that prefix.
const DELIVERY_PREFIXES = ["outbox", "fanout"].map((type) => `{"type":"${type}"`);
const PREFIX_LENGTH = DELIVERY_PREFIXES[0]!.length;

function typeOf(message: unknown): unknown {
  return typeof message === "object" && message !== null && !Array.isArray(message)
    ? (message as { type?: unknown }).type
    : undefined;
}

/** The lane a message goes to. */
export function laneOf(message: unknown): LaneName {
  return DELIVERY_TYPES.includes(typeOf(message)) ? "deliveries" : "other";
}

/** The message as JSON; an object with a string `type` names it first (the same object when parsed). */
export function encodeMessage(message: unknown): string {
  const type = typeOf(message);
  return JSON.stringify(typeof type === "string" ? { type, ...(message as object) } : message);
}

/** A condition on the payload column that holds for the lane's messages. */
export function inLane(lane: LaneName, payload: RawBuilder<string>): RawBuilder<boolean> {
  const prefixes = sql.join(DELIVERY_PREFIXES.map((prefix) => sql`${prefix}`));
  return lane === "deliveries"
    ? sql<boolean>`substr(${payload}, 1, ${sql.lit(PREFIX_LENGTH)}) in (${prefixes})`
    : sql<boolean>`substr(${payload}, 1, ${sql.lit(PREFIX_LENGTH)}) not in (${prefixes})`;
}

/** One lane of one listen(): its handler slots, and whether a take may find anything. */
export class Lane {
  /** Handlers running now. */
  running = 0;
  /** Slots promised to messages being enqueued in this process, leased to this listener. */
  reserved = 0;
  readonly #limit: number;
  readonly #refillAt: number;
  readonly #pollMs: number;
  // Signs that ready messages may be waiting (an enqueue, a NOTIFY, the poll
  // interval), and the count of them a take found nothing more behind.
  #signs = 0;
  #answered = -1;
  #lastTake = 0;

  constructor(limit: number, pollMs: number) {
    this.#limit = Math.max(1, limit);
    // Take while a few slots are free, not one by one: one statement per batch.
    this.#refillAt = Math.ceil(this.#limit / 4);
    this.#pollMs = pollMs;
  }

  /** Ready messages of this lane may be waiting. */
  signal(): void {
    this.#signs++;
  }

  /** How many messages to take now: the free slots, once a few are free and something may be waiting. */
  wanted(now: number): number {
    // Delayed messages come due, and other SQLite processes enqueue unheard.
    if (now - this.#lastTake >= this.#pollMs) this.#signs++;
    return this.#signs !== this.#answered ? this.#takeable() : 0;
  }

  /** Records a take of `wanted` messages; call the result with how many it got. */
  taking(now: number, wanted: number): (taken: number) => void {
    const signs = this.#signs;
    this.#lastTake = now;
    // A full take may have left more behind; a short one took all that was ready.
    return (taken) => void (this.#answered = taken < wanted ? signs : -1);
  }

  /**
   * Milliseconds until this lane polls; none while it could not take anyway
   * (then a handler that finishes is what wakes the listener).
   */
  untilPoll(now: number): number {
    return this.#takeable() > 0 ? this.#lastTake + this.#pollMs - now : Infinity;
  }

  // The free slots, when enough are free to take.
  #takeable(): number {
    const free = this.#limit - this.running - this.reserved;
    const idle = this.running + this.reserved === 0;
    return free > 0 && (free >= this.#refillAt || idle) ? free : 0;
  }

  /** Holds up to `count` free slots for messages enqueued in this process; returns how many. */
  reserve(count: number): number {
    const held = Math.max(0, Math.min(count, this.#limit - this.running - this.reserved));
    this.reserved += held;
    return held;
  }
}
