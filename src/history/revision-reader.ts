// The database a request reads while it answers as of a past revision (asOf),
// for the duration of its handler: app.reader (read-routing.ts) gives it to
// every read. Only those requests enter a context: @fastify/request-context
// would open one for every request, on the hot path of every read.
import { AsyncLocalStorage } from "node:async_hooks";
import type { Database } from "../db/database.js";

export const revisionReader = new AsyncLocalStorage<Database>();
