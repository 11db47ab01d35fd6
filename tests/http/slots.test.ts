// Slots: a bounded number of holders, the rest waiting in turn for a bounded time.
import { expect, it } from "vitest";
import { createSlots } from "../../src/http/slots.js";

it("gives slots in turn, and a waiter that times out gets none without holding one", async () => {
  const slots = createSlots(1);
  const first = await slots.acquire(1_000);
  expect(first).toBeTypeOf("function");
  expect(await slots.acquire(20)).toBeUndefined();
  expect(slots.usage()).toEqual({ active: 1, waiting: 0 });

  const second = slots.acquire(1_000);
  const third = slots.acquire(1_000);
  expect(slots.usage()).toEqual({ active: 1, waiting: 2 });
  first?.();
  first?.();
  const release = await second;
  expect(slots.usage()).toEqual({ active: 1, waiting: 1 });
  release?.();
  (await third)?.();
  expect(slots.usage()).toEqual({ active: 0, waiting: 0 });
  expect(await slots.acquire(0)).toBeTypeOf("function");
});
