// What a search box is given, read as people type: words (all wanted, the
// last one perhaps unfinished), "exact phrases", -exclusions, and OR between
// two alternatives. Nothing in it is an error: an unclosed quote runs to the
// end, a lone "-" or a dangling OR is ignored, and anything else is words.
import { type Word, wordsOf } from "./words.js";

/** One word the query wants: any of its alternatives (OR) matches it. */
export interface Slot {
  alternatives: Word[];
  /** The query's last plain word: its completions match too. */
  prefix: boolean;
  /** From a phrase: only its exact key matches (no completion, no typo). */
  exact: boolean;
}

export interface ParsedQuery {
  slots: Slot[];
  /** Phrases whose text a record must hold, as phraseText writes it (" a b "). */
  phrases: string[];
  /** Word keys a record must not hold. */
  excludedKeys: string[];
  /** Phrases a record must not hold. */
  excludedPhrases: string[];
}

/** Bounds on what one query can ask for, however long what was typed. */
export const queryLimits = { slots: 16, alternatives: 4, phrases: 4, exclusions: 8 };

const piece = /(-?)(?:"([^"]*)"?|([^\s"]+))/gu;

export function parseQuery(input: string): ParsedQuery {
  const query: ParsedQuery = { slots: [], phrases: [], excludedKeys: [], excludedPhrases: [] };
  const pieces = [...input.normalize("NFC").matchAll(piece)].map((m) => ({
    negated: m[1] === "-",
    quoted: m[2] !== undefined,
    text: m[2] ?? m[3] ?? "",
  }));
  let joinNext = false;
  for (const [i, p] of pieces.entries()) {
    if (!p.quoted && !p.negated && p.text === "OR") {
      // Joins the slots either side, when there are both.
      joinNext = query.slots.length > 0 && i < pieces.length - 1;
      continue;
    }
    const words = wordsOf(p.text);
    const wanted = words.filter((w) => !w.stop);
    const asPhrase = p.quoted || wanted.length > 1;
    const phrase = ` ${words.map((w) => w.surface).join(" ")} `;
    if (p.negated) {
      if (words.length === 1 && wanted[0] && query.excludedKeys.length < queryLimits.exclusions)
        query.excludedKeys.push(wanted[0].key);
      else if (words.length > 1 && query.excludedPhrases.length < queryLimits.exclusions)
        query.excludedPhrases.push(phrase);
      joinNext = false;
      continue;
    }
    if (wanted.length === 0) {
      joinNext = false;
      continue;
    }
    const previous = query.slots.at(-1);
    if (joinNext && previous && wanted.length === 1 && !asPhrase) {
      if (previous.alternatives.length < queryLimits.alternatives) previous.alternatives.push(...wanted);
      joinNext = false;
      continue;
    }
    joinNext = false;
    if (asPhrase && query.phrases.length < queryLimits.phrases) query.phrases.push(phrase);
    for (const word of wanted) {
      if (query.slots.length >= queryLimits.slots) break;
      query.slots.push({ alternatives: [word], prefix: false, exact: p.quoted });
    }
  }
  // The last word as typed, unless it ended in a space or a quote, may be unfinished.
  const last = query.slots.at(-1);
  const lastPiece = pieces.at(-1);
  if (last && lastPiece && !lastPiece.quoted && !lastPiece.negated && !/\s$/u.test(input) && !last.exact)
    last.prefix = true;
  return query;
}
