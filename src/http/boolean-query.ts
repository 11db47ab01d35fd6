// A yes/no query parameter: query values arrive as text, and only `true` and
// `false` are taken (z.coerce.boolean would read "false" as true).
import { z } from "zod";

export const booleanQuery = () => z.enum(["true", "false"]).transform((value) => value === "true");
