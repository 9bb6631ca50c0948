// Fedify's vocabulary takes Temporal values made by @js-temporal/polyfill at
// run time but declares them with the global Temporal type; this is the one
// place that bridges the two.
import { Temporal as Polyfill } from "@js-temporal/polyfill";

/** A Temporal.Instant for milliseconds since the epoch, as Fedify's vocabulary wants it. */
export function instantAt(ms: number): Temporal.Instant {
  return Polyfill.Instant.fromEpochMilliseconds(ms) as unknown as Temporal.Instant;
}
