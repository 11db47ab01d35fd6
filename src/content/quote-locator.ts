// Finds where a verbatim quote sits in a source text, as W3C Web Annotation
// TextPositionSelector offsets (Unicode code points, end exclusive).

export type QuoteLocation = { start: number; end: number } | { problem: string };

export function createQuoteLocator(text: string) {
  const hasAstral = /[\uD800-\uDFFF]/.test(text);
  const codePointOffset = (utf16Index: number) =>
    hasAstral ? Array.from(text.slice(0, utf16Index)).length : utf16Index;

  return (quote: string): QuoteLocation => {
    const at = text.indexOf(quote);
    if (at === -1) return { problem: `quote is not verbatim in the source text: "${abbreviate(quote)}"` };
    if (text.indexOf(quote, at + 1) !== -1) {
      return {
        problem: `quote occurs more than once in the source text, so its position is ambiguous: "${abbreviate(quote)}"`,
      };
    }
    const start = codePointOffset(at);
    return { start, end: start + Array.from(quote).length };
  };
}

function abbreviate(quote: string): string {
  return quote.length > 80 ? `${quote.slice(0, 77)}...` : quote;
}
