// The dates a text states, as precisely as it states them: "April" is a month
// (its year the publication's), "May 8–10, 2025" a range of days, "on
// Tuesday" the day it names before publication, "in 2022" a year. Nothing is
// dated that the text does not date.
import * as chrono from "chrono-node";

export interface StatedDate {
  start: number;
  end: number;
  date: string;
  endDate?: string;
}

const parser = chrono.casual.clone();
// chrono reads a bare year only beside a month or day; "in 2022" and "during 2023" are dates too.
// "since 2022" is not: it starts a span, and dates nothing that happened.
parser.parsers.push({
  pattern: () => /\b(?:in|during|early|late|mid-?)\s+((?:19|20)\d{2})\b(?![-–—/]\d)/i,
  extract: (_context, match) => ({ year: Number(match[1]) }),
});

const pad = (n: number) => String(n).padStart(2, "0");

function partialDate(components: chrono.ParsedComponents): string | undefined {
  const year = components.get("year");
  const month = components.get("month");
  const day = components.get("day");
  if (year === null || month === null || day === null) return undefined;
  if (components.isCertain("day") || components.isCertain("weekday")) return `${year}-${pad(month)}-${pad(day)}`;
  if (components.isCertain("month")) return `${year}-${pad(month)}`;
  if (components.isCertain("year")) return String(year);
  return undefined;
}

/** The dates `text` states, relative to `published` (a date such as 2025-04-30) for those it gives in part. */
export function statedDates(text: string, published: Date): StatedDate[] {
  // An en or em dash between days is a range, as a hyphen is; the same length keeps the offsets.
  const readable = text.replace(/[–—]/g, "-");
  return parser.parse(readable, { instant: published, timezone: 0 }, { forwardDate: false }).flatMap((result) => {
    const date = partialDate(result.start);
    if (!date) return [];
    const endDate = result.end ? partialDate(result.end) : undefined;
    return [
      {
        start: result.index,
        end: result.index + result.text.length,
        date,
        ...(endDate && endDate !== date ? { endDate } : {}),
      },
    ];
  });
}
