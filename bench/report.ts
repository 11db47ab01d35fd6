// Writes a generated section into a Markdown document, between its markers,
// leaving the hand-written analysis around it untouched.
import { existsSync, readFileSync, writeFileSync } from "node:fs";

export function writeSection(file: URL, startMarker: string, endMarker: string, lines: string[]) {
  const previous = existsSync(file) ? readFileSync(file, "utf8") : "";
  const [before = "", rest = ""] = previous.split(startMarker);
  const after = rest.split(endMarker)[1] ?? "";
  writeFileSync(file, `${before}${startMarker}\n${lines.join("\n")}\n${endMarker}${after}`);
}
