// A non-negative whole number as the API's documents declare it: an int32
// with its bounds (counts, offsets, revisions, sizes, statuses), so clients
// generated from the OpenAPI document pick a fitting integer type.
import { z } from "zod";

export const int32 = () => z.int().min(0).max(2_147_483_647).meta({ format: "int32" });

/** A whole-number query parameter between `min` and `max` (query values arrive as text). */
export const int32Query = (min: number, max: number) =>
  z.coerce.number().int().min(min).max(max).meta({ format: "int32" });
