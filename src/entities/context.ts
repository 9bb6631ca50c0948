// What serializers need to know about the instance: its origin and host.
import type { LocalUris } from "../domain/uris.ts";

export interface EntityContext {
  uris: LocalUris;
}

// Date#toISOString was a quarter of serializing a timeline page; this writes the same text
// with integer arithmetic (days to civil date: Howard Hinnant's days_from_civil, inverted).
const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);
const pad3 = (n: number) => (n < 10 ? `00${n}` : n < 100 ? `0${n}` : `${n}`);
// Years 0000 to 9999 only: Date writes other years with a sign and six digits.
const LAST_MS = 253_402_300_799_999;
const FIRST_MS = -62_167_219_200_000;

/** ISO 8601 with milliseconds, as Mastodon writes times (what Date#toISOString gives). */
export function isoTime(ms: number): string {
  if (!(ms >= FIRST_MS && ms <= LAST_MS)) return new Date(ms).toISOString(); // and its RangeError for NaN
  const t = Math.trunc(ms);
  const days = Math.floor(t / 86_400_000);
  let rest = t - days * 86_400_000;
  const z = days + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const hours = Math.floor(rest / 3_600_000);
  rest -= hours * 3_600_000;
  const minutes = Math.floor(rest / 60_000);
  rest -= minutes * 60_000;
  const seconds = Math.floor(rest / 1_000);
  const millis = rest - seconds * 1_000;
  const y = year < 10 ? `000${year}` : year < 100 ? `00${year}` : year < 1000 ? `0${year}` : `${year}`;
  return `${y}-${pad2(month)}-${pad2(day)}T${pad2(hours)}:${pad2(minutes)}:${pad2(seconds)}.${pad3(millis)}Z`;
}

/** Default avatar and header when an account has none (Mastodon serves "missing.png"). */
export function defaultImage(ctx: EntityContext, kind: "avatar" | "header"): string {
  return `${ctx.uris.origin}/${kind === "avatar" ? "avatars" : "headers"}/original/missing.png`;
}
