// Opens the knowledge base for the app and closes it with the app.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type Database, openDatabase } from "../db/database.js";

declare module "fastify" {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DatabasePluginOptions {
  databaseUrl: string;
  poolSize?: number;
}

export default fp<DatabasePluginOptions>(
  async (app: FastifyInstance, options) => {
    const db = await openDatabase(options.databaseUrl, { poolSize: options.poolSize });
    app.decorate("db", db);
    app.addHook("onClose", () => db.close());
  },
  { name: "database" },
);
