// The strings a client may send: well-formed Unicode with no NUL character.
// A lone surrogate cannot be encoded as UTF-8 and PostgreSQL's text type
// cannot hold NUL, so either would fail only at the database (a 500, and on
// SQLite a string that no longer round-trips); refused here, with the field
// named, both databases answer the same.
import { z } from "zod";

export const storableTextProblem = "must be well-formed Unicode text without NUL characters (U+0000)";

export const isStorableText = (value: string) => value.isWellFormed() && !value.includes("\u0000");

/** A string of at most `max` characters (and at least `min`, 1 unless given) that both databases store as sent. */
export function storableText(max: number, min = 1) {
  return z.string().min(min).max(max).refine(isStorableText, storableTextProblem);
}
