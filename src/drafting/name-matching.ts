// Names compared as a reader compares them: in any of the common romanised
// spellings (Zelensky, Zelenskyy, Zelenskiy; Kyiv, Kiev), with or without
// diacritics (Türkiye), and initialisms with or without their dots (U.S., US),
// but an initialism never as an ordinary word ("US", not "us").

export interface Token {
  start: number;
  end: number;
  /** What the token is compared by: an initialism exactly, any other word folded. */
  key: string;
  capitalised: boolean;
}

/** An initialism with dots ("U.S."), or a run of letters and digits. */
const tokenPattern = /\p{Lu}(?:\.\p{Lu})+\.?|[\p{L}\p{M}\p{N}]+/gu;

/**
 * A word's transliteration-folded form: lower case, no diacritics, y as i,
 * "ie" as i, doubled letters single. Ukrainian and Russian names romanised
 * by different systems fold alike (zelenski, kiv), and English words rarely
 * fold onto a name.
 */
export function foldWord(word: string): string {
  return word
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/y/g, "i")
    .replace(/ie/g, "i")
    .replace(/(\p{L})\1+/gu, "$1");
}

const isInitialism = (word: string) => /^(?:\p{Lu}\.?){2,}$/u.test(word) && word.replace(/\./g, "").length <= 6;

export function tokenize(text: string, offset = 0): Token[] {
  return [...text.matchAll(tokenPattern)].map((match) => {
    const word = match[0];
    return {
      start: offset + match.index,
      end: offset + match.index + word.length,
      key: isInitialism(word) ? `=${word.replace(/\./g, "")}` : foldWord(word),
      capitalised: /^\p{Lu}/u.test(word),
    };
  });
}

export interface NamePattern<T> {
  keys: string[];
  /** A one-word name matches only a capitalised word ("Kremlin", not "kremlin"). */
  needsCapital: boolean;
  value: T;
}

export function namePattern<T>(name: string, value: T): NamePattern<T> | undefined {
  const tokens = tokenize(name);
  if (tokens.length === 0) return undefined;
  return { keys: tokens.map((t) => t.key), needsCapital: tokens.length === 1, value };
}

export interface NameMatch<T> {
  start: number;
  end: number;
  value: T;
}

/**
 * Every non-overlapping match of the patterns in the tokens, the longest at
 * each position first ("Russian President Vladimir Putin" before "Russian").
 */
export function matchNames<T>(tokens: Token[], patterns: NamePattern<T>[]): NameMatch<T>[] {
  const byFirstKey = new Map<string, NamePattern<T>[]>();
  for (const pattern of patterns) {
    const [first] = pattern.keys;
    if (first === undefined) continue;
    const list = byFirstKey.get(first) ?? [];
    list.push(pattern);
    byFirstKey.set(first, list);
  }
  for (const list of byFirstKey.values()) list.sort((a, b) => b.keys.length - a.keys.length);
  const matches: NameMatch<T>[] = [];
  for (let i = 0; i < tokens.length; ) {
    const token = tokens[i] as Token;
    const found = byFirstKey
      .get(token.key)
      ?.find((p) => (!p.needsCapital || token.capitalised) && p.keys.every((key, k) => tokens[i + k]?.key === key));
    if (!found) {
      i++;
      continue;
    }
    const last = tokens[i + found.keys.length - 1] as Token;
    matches.push({ start: token.start, end: last.end, value: found.value });
    i += found.keys.length;
  }
  return matches;
}
