// Operators' regular expressions run on RE2 (Google's linear-time engine, as
// WebAssembly): no pattern can backtrack catastrophically on hostile input,
// and patterns RE2 cannot run in linear time (backreferences, lookaround)
// are refused when the rule is saved.
import { RE2 } from "re2-wasm";

/** Longest pattern accepted. */
export const MAX_PATTERN_LENGTH = 1000;

export interface SafeRegex {
  test(input: string): boolean;
}

/** Compiles a case-insensitive pattern, or returns why it is refused. */
export function compileSafeRegex(pattern: string): SafeRegex | string {
  if (pattern.length === 0) return "Pattern can't be blank";
  if (pattern.length > MAX_PATTERN_LENGTH) return `Pattern is too long (maximum is ${MAX_PATTERN_LENGTH} characters)`;
  try {
    return new RE2(pattern, "iu");
  } catch (error) {
    return `Pattern is not a valid RE2 expression: ${(error as Error).message}`;
  }
}
