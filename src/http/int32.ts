// A non-negative whole number as the API's documents declare it: an int32
// with its bounds (counts, offsets, revisions, sizes, statuses), so clients
// generated from the OpenAPI document pick a fitting integer type.
import { z } from "zod";

export const int32 = () => z.int().min(0).max(2_147_483_647).meta({ format: "int32" });
