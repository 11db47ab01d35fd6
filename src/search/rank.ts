// A record's rank, the one formula both the SQL ranking (src/search/matching.ts)
// and the top-k reader (src/search/top-matches.ts) compute, so that the two agree
// to the last digit and a cursor from either pages on through the other. Tiers are
// integers and only the score part is a fraction below 1: a record matching more
// words always ranks first, then one with fewer typos, then fewer words matched
// only through an actor, then the better BM25 score.

/** What a matched word, each typo and a word matched only through an actor add to a rank. */
export const rankTiers = { word: 100_000, typo: -1_000, linked: -10 } as const;

/** The tier of one slot's match: a direct match with this many typos, or one through an actor. */
export const slotTier = (match: { typos: number } | "linked") =>
  match === "linked" ? rankTiers.linked : match.typos * rankTiers.typo;

/**
 * The rank of a record matching `words` slots, whose slots' tiers add up to
 * `tiers` and scores to `score`; an infinite score stands for "any", the
 * least upper bound of every score.
 */
export const rankOf = (words: number, tiers: number, score: number) =>
  words * rankTiers.word + tiers + (score === Number.POSITIVE_INFINITY ? 1 : score / (1 + score));
