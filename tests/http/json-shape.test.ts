// The JSON shape check that runs on a body's text before it is parsed.
import { expect, it } from "vitest";
import { runToEnd } from "../../src/content/event-loop-share.js";
import { type JsonShapeLimits, jsonShapeProblem } from "../../src/http/json-shape.js";

const shapeProblem = (text: string, limits: JsonShapeLimits) => runToEnd(jsonShapeProblem(text, limits));

const limits = { maxItems: 3, maxDepth: 4 };

it("finds lists and objects over the limit, naming their path, and ignores brackets and commas inside strings", () => {
  expect(shapeProblem('{"a":[1,2,3]}', limits)).toBeUndefined();
  expect(shapeProblem('{"a":[1,2,3,4]}', limits)).toEqual({ path: "a", problem: "holds more than 3 items" });
  expect(shapeProblem('{"x":1, "b":[{"c":[1,2]}, {"c":[1,2,3,4]}]}', limits)?.path).toBe("b.1.c");
  expect(shapeProblem('{"a":"[1,2,3,4,\\" ,,,, [[[[[", "b":[1]}', limits)).toBeUndefined();
  expect(shapeProblem('{"a":1,"b":2,"c":3,"d":4}', limits)).toEqual({
    path: "(body)",
    problem: "holds more than 3 members",
  });
  expect(shapeProblem("[]", limits)).toBeUndefined();
  expect(shapeProblem("[ ]", limits)).toBeUndefined();
});

it("finds nesting deeper than the limit", () => {
  expect(shapeProblem("[[[[1]]]]", limits)).toBeUndefined();
  expect(shapeProblem('{"a":[[[[1]]]]}', limits)).toEqual({ path: "a.0.0", problem: "nests deeper than 4 levels" });
});

it("scans a long body in steps, and finds a problem past the first of them", () => {
  const body = `{"a":[${"1,".repeat(100_000)}1],"b":[[[[[1]]]]]}`;
  const scan = jsonShapeProblem(body, { maxItems: 200_000, maxDepth: 4 });
  let steps = 0;
  for (let step = scan.next(); ; step = scan.next(), steps++) {
    if (step.done) {
      expect(step.value).toEqual({ path: "b.0.0", problem: "nests deeper than 4 levels" });
      break;
    }
  }
  expect(steps).toBeGreaterThan(2);
});
