// Turns a date stated as precisely as the source states it (`2025`, `2025-04`,
// `2025-05-08`) into the first instant it covers plus its precision, and back;
// and the first instant after the period it names.
import type { DatePrecision } from "./rows.js";

const precisions: Record<number, DatePrecision> = { 1: "year", 2: "month", 3: "day" };

export function parsePartialDate(value: string): { date: Date; precision: DatePrecision } {
  const parts = value.split("-").map(Number);
  const [year = 0, month = 1, day = 1] = parts;
  // setUTCFullYear, not Date.UTC: the latter reads years 0-99 as 1900-1999.
  const date = new Date(0);
  date.setUTCFullYear(year, month - 1, day);
  return { date, precision: precisions[parts.length] ?? "day" };
}

export function formatPartialDate(date: Date, precision: DatePrecision): string {
  const iso = date.toISOString();
  return precision === "year" ? iso.slice(0, 4) : precision === "month" ? iso.slice(0, 7) : iso.slice(0, 10);
}

/** The first instant after the period a partial date names (`2025-04` ends at May 1). */
export function periodEnd(value: string): Date {
  const { date, precision } = parsePartialDate(value);
  const end = new Date(date);
  if (precision === "year") end.setUTCFullYear(end.getUTCFullYear() + 1);
  else if (precision === "month") end.setUTCMonth(end.getUTCMonth() + 1);
  else end.setUTCDate(end.getUTCDate() + 1);
  return end;
}
