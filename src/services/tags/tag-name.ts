// Reading a hashtag name a client sends (with or without '#').
import { extractHashtags } from "../../domain/status-text.ts";

/** The hashtag name without '#', or null when it isn't one (the same rule as in posts). */
export function parseTagName(input: string): string | null {
  const name = input.trim().replace(/^#/, "");
  return name !== "" && extractHashtags(`#${name}`)[0] === name ? name : null;
}
