// The JSON shape check that runs on a body's text before it is parsed.
import { expect, it } from "vitest";
import { jsonShapeProblem } from "../../src/http/json-shape.js";

const limits = { maxItems: 3, maxDepth: 4 };

it("finds lists and objects over the limit, naming their path, and ignores brackets and commas inside strings", () => {
  expect(jsonShapeProblem('{"a":[1,2,3]}', limits)).toBeUndefined();
  expect(jsonShapeProblem('{"a":[1,2,3,4]}', limits)).toEqual({ path: "a", problem: "holds more than 3 items" });
  expect(jsonShapeProblem('{"x":1, "b":[{"c":[1,2]}, {"c":[1,2,3,4]}]}', limits)?.path).toBe("b.1.c");
  expect(jsonShapeProblem('{"a":"[1,2,3,4,\\" ,,,, [[[[[", "b":[1]}', limits)).toBeUndefined();
  expect(jsonShapeProblem('{"a":1,"b":2,"c":3,"d":4}', limits)).toEqual({
    path: "(body)",
    problem: "holds more than 3 members",
  });
  expect(jsonShapeProblem("[]", limits)).toBeUndefined();
  expect(jsonShapeProblem("[ ]", limits)).toBeUndefined();
});

it("finds nesting deeper than the limit", () => {
  expect(jsonShapeProblem("[[[[1]]]]", limits)).toBeUndefined();
  expect(jsonShapeProblem('{"a":[[[[1]]]]}', limits)).toEqual({ path: "a.0.0", problem: "nests deeper than 4 levels" });
});
