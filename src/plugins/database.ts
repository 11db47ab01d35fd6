// Opens the knowledge base for the app and closes it with the app.
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { type Database, type OpenOptions, openDatabase } from "../db/database.js";

declare module "fastify" {
  interface FastifyInstance {
    db: Database;
  }
}

export interface DatabasePluginOptions extends OpenOptions {
  databaseUrl: string;
}

export default fp<DatabasePluginOptions>(
  async (app: FastifyInstance, options) => {
    const { databaseUrl, ...open } = options;
    const db = await openDatabase(databaseUrl, open);
    app.decorate("db", db);
    app.addHook("onClose", () => db.close());
  },
  { name: "database" },
);
