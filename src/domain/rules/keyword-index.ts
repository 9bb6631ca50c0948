// Finds which of many keywords occur in a text in one pass over its words:
// each keyword (one word or a phrase) is filed under its first word, so a
// thousand keywords cost one map lookup per word of the text, not a thousand
// scans. Matching is by whole words, case- and width-insensitive.

const WORD = /[\p{L}\p{N}\p{M}_]+/gu;

/** The words of a text as the index compares them: NFKC, lowercased. */
export function wordsOf(text: string): string[] {
  return text.normalize("NFKC").toLowerCase().match(WORD) ?? [];
}

interface Entry<T> {
  rest: string[];
  value: T;
}

export interface KeywordIndex<T> {
  /** Every value whose keyword occurs in the words, each once, in keyword order of first occurrence. */
  find(words: readonly string[]): T[];
  readonly size: number;
}

/** Builds the index; a keyword without any word character is left out. */
export function buildKeywordIndex<T>(keywords: readonly { keyword: string; value: T }[]): KeywordIndex<T> {
  const byFirst = new Map<string, Entry<T>[]>();
  let size = 0;
  for (const { keyword, value } of keywords) {
    const [first, ...rest] = wordsOf(keyword);
    if (first === undefined) continue;
    byFirst.set(first, [...(byFirst.get(first) ?? []), { rest, value }]);
    size++;
  }
  return {
    size,
    find(words) {
      const found = new Set<T>();
      for (let i = 0; i < words.length; i++) {
        for (const entry of byFirst.get(words[i]!) ?? []) {
          if (entry.rest.every((word, k) => words[i + 1 + k] === word)) found.add(entry.value);
        }
      }
      return [...found];
    },
  };
}
