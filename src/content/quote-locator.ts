// Finds where a verbatim quote sits in a source text, as W3C Web Annotation
// TextPositionSelector offsets (Unicode code points, end exclusive).

import { runSharingTheLoop, runToEnd, type SteppedWork } from "./event-loop-share.js";
import { createQuoteHints } from "./quote-hints.js";

export type QuoteLocation = { start: number; end: number } | { problem: string; hint?: string };

export interface QuoteLocator {
  (quote: string): QuoteLocation;
  /**
   * Looks for these quotes ahead of their use, sharing the event loop: each
   * search scans the whole text, and a large bundle's passages take a few
   * hundred milliseconds in all.
   */
  prefetch(quotes: Iterable<string>): Promise<void>;
}

/** How many failing quotes of one text get a hint. */
const maxHintedQuotes = 20;

export function createQuoteLocator(text: string): QuoteLocator {
  const codePointOffset = codePointOffsets(text);
  // A bundle may cite one passage for several records: each is looked for once.
  const found = new Map<string, QuoteLocation>();
  const hints = createQuoteHints(text, codePointOffset);
  // Each hint scans the text again: a bundle of bad quotes gets the first ones' hints, and the others' problems.
  let hintsLeft = maxHintedQuotes;
  // `hint` is a generator not yet started: it runs only while hints are left.
  function* withHint(problem: string, hint: SteppedWork<string | undefined>): SteppedWork<QuoteLocation> {
    if (hintsLeft <= 0) return { problem };
    hintsLeft -= 1;
    const given = yield* hint;
    return given ? { problem, hint: given } : { problem };
  }

  function* locating(quote: string): SteppedWork<QuoteLocation> {
    const at = text.indexOf(quote);
    if (at === -1) {
      return yield* withHint(`quote is not verbatim in the source text: "${abbreviate(quote)}"`, hints.nearMiss(quote));
    }
    if (text.indexOf(quote, at + 1) !== -1) {
      return yield* withHint(
        `quote occurs more than once in the source text, so its position is ambiguous: "${abbreviate(quote)}"`,
        hints.ambiguity(quote),
      );
    }
    const start = codePointOffset(at);
    return { start, end: codePointOffset(at + quote.length) };
  }
  function* cachedLocating(quote: string): SteppedWork<QuoteLocation> {
    let location = found.get(quote);
    if (!location) {
      location = yield* locating(quote);
      found.set(quote, location);
    }
    return location;
  }
  return Object.assign((quote: string) => runToEnd(cachedLocating(quote)), {
    prefetch: (quotes: Iterable<string>) =>
      runSharingTheLoop(
        (function* () {
          for (const quote of quotes) {
            yield* cachedLocating(quote);
            yield;
          }
        })(),
      ),
  });
}

/**
 * A UTF-16 index's offset in code points: the index less the astral characters
 * before it, found by binary search over their positions, so each lookup costs
 * log(astral characters) instead of a walk over the text up to it.
 */
function codePointOffsets(text: string): (utf16Index: number) => number {
  const astral: number[] = [];
  for (let i = text.search(/[\uD800-\uDBFF]/); i !== -1 && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) astral.push(i++);
  }
  if (astral.length === 0) return (utf16Index) => utf16Index;
  return (utf16Index) => {
    let low = 0;
    let high = astral.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((astral[middle] ?? 0) < utf16Index) low = middle + 1;
      else high = middle;
    }
    return utf16Index - low;
  };
}

/** A quote as a problem names it: cut to `max` characters, an ellipsis marking the cut. */
export function abbreviate(quote: string, max = 80): string {
  return quote.length > max ? `${quote.slice(0, max - 3)}...` : quote;
}
