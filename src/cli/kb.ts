// The knowledge base's command line: `npm run kb -- <command>`.
import { loadConfig } from "../config.js";
import { ContentError } from "../content/content-error.js";
import { seedDatabase } from "../content/seed.js";
import { migrateDatabase, openDatabase } from "../db/database.js";

const commands: Record<string, { summary: string; run: (args: string[]) => Promise<void> }> = {
  migrate: {
    summary: "apply pending migrations",
    async run() {
      const applied = await migrateDatabase(loadConfig().DATABASE_URL);
      console.log(applied.length > 0 ? `applied ${applied.join(", ")}` : "no pending migrations");
    },
  },
  seed: {
    summary: "load seed/ into the knowledge base (idempotent; removes what seed/ no longer has)",
    async run() {
      const { DATABASE_URL } = loadConfig();
      await migrateDatabase(DATABASE_URL);
      const db = await openDatabase(DATABASE_URL);
      try {
        const report = await seedDatabase(db.prisma);
        console.log(
          report.changed ? `seeded, revision ${report.revision}` : `nothing changed, revision ${report.revision}`,
        );
        console.table(report.tables);
      } finally {
        await db.close();
      }
    },
  },
};

const [name = "help", ...args] = process.argv.slice(2);
const command = commands[name];
if (!command) {
  console.log("usage: npm run kb -- <command>\n");
  for (const [key, { summary }] of Object.entries(commands)) console.log(`  ${key.padEnd(10)} ${summary}`);
  process.exit(name === "help" ? 0 : 2);
}
try {
  await command.run(args);
} catch (error) {
  console.error(error instanceof ContentError ? error.message : error);
  process.exit(1);
}
