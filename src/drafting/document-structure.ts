// A plain-text article as a reader sees it: headings, paragraphs and list
// items, their sentences, and the clauses of each sentence, every one a span
// of the text (so a passage drafted from it is verbatim by construction).

export interface Span {
  start: number;
  end: number;
}

export interface Line extends Span {
  kind: "heading" | "item" | "paragraph";
  /** The nearest heading above the line (a heading's own is the one above it). */
  heading?: Line;
  /** A list item's label: "Reduced Leverage" in "- Reduced Leverage: Without…". */
  label?: Span;
  /** The item's text after its label. */
  body?: Span;
  sentences: Sentence[];
}

export interface Sentence extends Span {
  line: Line;
  clauses: Span[];
}

export interface DocumentStructure {
  text: string;
  lines: Line[];
  sentences: Sentence[];
}

const itemMarker = /^\s*(?:[-*•–]|\d+[.)])\s+/u;
/** "Reduced Leverage: …", "U.S. Credibility: …"; not a sentence that happens to hold a colon. */
const itemLabel = /^([^:!?]{2,80}):\s+/u;
const isLabel = (label: string) => !/\p{Ll}\.\s|,/u.test(label) && label.split(/\s+/u).length <= 8;
/**
 * A line a reader takes for a heading: short, capitalised, not ending as a
 * sentence does, with no colon and no full stop but an initialism's
 * ("Reasons for U.S. Withdrawal").
 */
const isHeading = (line: string) =>
  /^\p{Lu}/u.test(line) &&
  line.length <= 100 &&
  line.split(/\s+/u).length <= 10 &&
  !/[.!?:;,]$|[!?;]|:\s|\p{Ll}{2}\.\s/u.test(line);

/**
 * A sentence ends at `.`, `!` or `?` (and any closing quote or bracket) before
 * whitespace and a capital, a digit or an opening quote; not after an
 * initialism ("U.S. Credibility") or a common abbreviation.
 */
const sentenceEnd = /[.!?]["'”’)\]]*(?=\s+["'“‘(]?[\p{Lu}\d])/gu;
const noEndBefore =
  /(?:\b(?:\p{L}\.){2,}|\b(?:Mr|Mrs|Ms|Dr|St|Gen|Col|Lt|Sen|Rep|Gov|Prof|No|vs|approx|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.)$/u;

/**
 * Where a sentence divides into clauses a claim can stand on alone: "…; …",
 * "…: Russia sought…", "…, while …", "…, but …", and "…, and its …" where a
 * new subject follows.
 */
const clauseBreak =
  /(?:;\s+|:\s+(?=\p{Lu})|,\s+(?=(?:while|whereas|but|though|although)\s)|,\s+and\s+(?=(?:its|their|his|her|the|this|these|it)\s))/gu;

export function documentStructure(text: string): DocumentStructure {
  const lines: Line[] = [];
  let heading: Line | undefined;
  for (const match of text.matchAll(/[^\r\n]+/gu)) {
    const lineStart = match.index;
    const raw = match[0];
    const trimmed = raw.trimEnd();
    if (trimmed.trim() === "") continue;
    const leading = raw.length - raw.trimStart().length;
    const marker = itemMarker.exec(raw);
    const line: Line = marker
      ? { kind: "item", start: lineStart + marker[0].length, end: lineStart + trimmed.length, sentences: [] }
      : {
          kind: isHeading(trimmed.trim()) ? "heading" : "paragraph",
          start: lineStart + leading,
          end: lineStart + trimmed.length,
          sentences: [],
        };
    if (heading) line.heading = heading;
    if (line.kind === "item") {
      const label = itemLabel.exec(text.slice(line.start, line.end));
      if (label?.[1] && isLabel(label[1])) {
        line.label = { start: line.start, end: line.start + label[1].length };
        line.body = { start: line.start + label[0].length, end: line.end };
      }
    }
    if (line.kind === "heading") heading = line;
    else line.sentences = sentencesOf(text, line);
    lines.push(line);
  }
  return { text, lines, sentences: lines.flatMap((line) => line.sentences) };
}

function sentencesOf(text: string, line: Line): Sentence[] {
  const content = text.slice(line.start, line.end);
  const sentences: Sentence[] = [];
  let from = 0;
  for (const end of content.matchAll(sentenceEnd)) {
    const to = end.index + end[0].length;
    if (noEndBefore.test(content.slice(from, end.index + 1))) continue;
    sentences.push(sentence(text, line, line.start + from, line.start + to));
    from = to + (/^\s+/u.exec(content.slice(to))?.[0].length ?? 0);
  }
  if (from < content.length) sentences.push(sentence(text, line, line.start + from, line.end));
  return sentences.flatMap((s) => (s.end - s.start > maxSentenceLength ? pieces(text, line, s) : [s]));
}

/** Longer than any sentence a person writes: read in pieces that end at a space. */
const maxSentenceLength = 1_000;

function pieces(text: string, line: Line, long: Span): Sentence[] {
  const result: Sentence[] = [];
  let from = long.start;
  while (from < long.end) {
    let to = Math.min(long.end, from + maxSentenceLength);
    const space = text.lastIndexOf(" ", to);
    if (to < long.end && space > from) to = space + 1;
    result.push(sentence(text, line, from, to));
    from = to;
  }
  return result;
}

function sentence(text: string, line: Line, start: number, end: number): Sentence {
  const clauses: Span[] = [];
  let from = start;
  for (const cut of text.slice(start, end).matchAll(clauseBreak)) {
    clauses.push({ start: from, end: start + cut.index });
    from = start + cut.index + cut[0].length;
  }
  clauses.push({ start: from, end });
  return { start, end, line, clauses };
}

/** The first index of spans sorted by start whose start is at or after `at`. */
function firstAtOrAfter(spans: Span[], at: number): number {
  let low = 0;
  let high = spans.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if ((spans[middle] as Span).start < at) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** The spans (sorted by start) that lie within `span`, found by bisection. */
export function spansWithin<T extends Span>(sorted: T[], span: Span): T[] {
  const found: T[] = [];
  for (let i = firstAtOrAfter(sorted, span.start); i < sorted.length; i++) {
    const item = sorted[i] as T;
    if (item.start >= span.end) break;
    if (item.end <= span.end) found.push(item);
  }
  return found;
}

/** The span (of spans sorted by start, not overlapping) that holds `inner`, found by bisection. */
export function spanHolding<T extends Span>(sorted: T[], inner: Span): T | undefined {
  const candidate = sorted[firstAtOrAfter(sorted, inner.start + 1) - 1];
  return candidate && candidate.start <= inner.start && inner.end <= candidate.end ? candidate : undefined;
}
