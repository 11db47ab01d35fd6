// How likely a source says an implication is: its own words of likelihood
// (the hedge: "could", "would", "makes this unlikely"), read as a band of the
// US Intelligence Community's scale (ICD 203), by one table the README
// reprints. The table is the authority: a hedge it does not know is refused
// at import, so every stored hedge has a band.

/** ICD 203's seven bands, and `unstated` for an implication whose source gives no words of likelihood. */
export const likelihoods = [
  "almost-no-chance",
  "very-unlikely",
  "unlikely",
  "roughly-even-chance",
  "likely",
  "very-likely",
  "almost-certain",
  "unstated",
] as const;
export type Likelihood = (typeof likelihoods)[number];

/** Each band's range of probability, in ICD 203's words turned to numbers. */
export const likelihoodRanges: Record<Exclude<Likelihood, "unstated">, [number, number]> = {
  "almost-no-chance": [0.01, 0.05],
  "very-unlikely": [0.05, 0.2],
  unlikely: [0.2, 0.45],
  "roughly-even-chance": [0.45, 0.55],
  likely: [0.55, 0.8],
  "very-likely": [0.8, 0.95],
  "almost-certain": [0.95, 0.99],
};

/**
 * The words of likelihood the table knows, and the band each gives. Modal
 * verbs of possibility (could, may, might) say a thing can happen, not that it
 * probably will: ICD 203 asks analysts not to use them for probability, so
 * they read as an even chance, the scale's middle. A conditional "would" is
 * the source's expectation should its condition hold: likely.
 */
export const hedgeTable: [words: string, band: Exclude<Likelihood, "unstated">][] = [
  ["almost no chance", "almost-no-chance"],
  ["remote", "almost-no-chance"],
  ["very unlikely", "very-unlikely"],
  ["highly unlikely", "very-unlikely"],
  ["unlikely", "unlikely"],
  ["improbable", "unlikely"],
  ["doubtful", "unlikely"],
  ["could", "roughly-even-chance"],
  ["may", "roughly-even-chance"],
  ["might", "roughly-even-chance"],
  ["possibly", "roughly-even-chance"],
  ["potentially", "roughly-even-chance"],
  ["possible", "roughly-even-chance"],
  ["likely", "likely"],
  ["probably", "likely"],
  ["probable", "likely"],
  ["would", "likely"],
  ["expect", "likely"],
  ["expected to", "likely"],
  ["very likely", "very-likely"],
  ["highly likely", "very-likely"],
  ["almost certainly", "almost-certain"],
  ["certainly", "almost-certain"],
  ["will", "almost-certain"],
];

const letter = /[\p{L}\p{N}]/u;

/** Where `words` stand in `text` as whole words (not "may" in "mayor"), or -1. */
export function wholeWordsAt(text: string, words: string, from = 0): number {
  for (let at = text.indexOf(words, from); at >= 0; at = text.indexOf(words, at + 1)) {
    const before = text[at - 1];
    const after = text[at + words.length];
    if ((before === undefined || !letter.test(before)) && (after === undefined || !letter.test(after))) return at;
  }
  return -1;
}

// Longest words first, so that "very unlikely" is read before "unlikely", and "unlikely" before "likely".
const byLength = [...hedgeTable].sort((a, b) => b[0].length - a[0].length);

/** The band a hedge gives: that of the longest words of the table it holds; undefined when it holds none. */
export function likelihoodOf(hedge: string): Exclude<Likelihood, "unstated"> | undefined {
  const lower = hedge.toLowerCase();
  return byLength.find(([words]) => wholeWordsAt(lower, words) >= 0)?.[1];
}

/**
 * The probability a band stands for when a forecast is scored: the middle of
 * its range (`likely`, 55-80%, is 0.675). The README reprints the seven.
 */
export function probabilityOf(band: Exclude<Likelihood, "unstated">): number {
  const [low, high] = likelihoodRanges[band];
  return (low + high) / 2;
}
