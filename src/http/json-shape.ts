// A JSON body's shape, checked on its text before JSON.parse builds it: a list
// longer than any schema allows (or an object with as many members), or nesting
// deeper than any schema has, is refused at the cost of one pass over the text,
// instead of first becoming millions of objects in memory.
import type { SteppedWork } from "../content/event-loop-share.js";

export interface JsonShapeLimits {
  /** The most items in any array, or members in any object. */
  maxItems: number;
  /** The deepest nesting of arrays and objects. */
  maxDepth: number;
}

/** What is wrong, and where: the path of the list or object, dotted as the validation report writes it. */
export interface JsonShapeProblem {
  path: string;
  problem: string;
}

interface Container {
  isArray: boolean;
  /** Items so far: commas + 1, once anything is in it. */
  count: number;
  /** An object's member being read. */
  key: string;
}

const quote = 0x22;
const backslash = 0x5c;
const comma = 0x2c;
const colon = 0x3a;
const whitespace = new Set([0x20, 0x09, 0x0a, 0x0d]);

/** Characters scanned between two steps: a few milliseconds' work. */
const step = 1 << 16;

/**
 * Why `text` cannot be a body within `limits`, or undefined, as stepped work
 * (a 4 MB body is some tens of milliseconds' scan). Malformed JSON is left to the parser.
 */
export function* jsonShapeProblem(text: string, limits: JsonShapeLimits): SteppedWork<JsonShapeProblem | undefined> {
  const open: Container[] = [];
  const pathOf = () =>
    open
      .slice(1)
      .map((_, i) => {
        const parent = open[i];
        return parent?.isArray ? String(parent.count - 1) : (parent?.key ?? "");
      })
      .join(".") || "(body)";
  let expectKey = false;
  for (let i = 0, next = step; i < text.length; i++) {
    if (i >= next) {
      yield;
      next = i + step;
    }
    const code = text.charCodeAt(i);
    if (whitespace.has(code)) continue;
    const top = open.at(-1);
    if (top && top.count === 0 && code !== 0x5d && code !== 0x7d) top.count = 1;
    if (code === quote) {
      const start = i + 1;
      for (i = start; i < text.length && text.charCodeAt(i) !== quote; i++) if (text.charCodeAt(i) === backslash) i++;
      if (expectKey && top) top.key = text.slice(start, Math.min(i, start + 200));
      expectKey = false;
    } else if (code === 0x5b || code === 0x7b) {
      if (open.length >= limits.maxDepth)
        return { path: pathOf(), problem: `nests deeper than ${limits.maxDepth} levels` };
      open.push({ isArray: code === 0x5b, count: 0, key: "" });
      expectKey = code === 0x7b;
    } else if (code === 0x5d || code === 0x7d) {
      open.pop();
    } else if (code === comma && top) {
      top.count += 1;
      expectKey = !top.isArray;
      if (top.count > limits.maxItems) {
        return { path: pathOf(), problem: `holds more than ${limits.maxItems} ${top.isArray ? "items" : "members"}` };
      }
    } else if (code === colon) expectKey = false;
  }
  return undefined;
}
