-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Implication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "hedge" TEXT,
    "likelihood" TEXT NOT NULL DEFAULT 'unstated',
    "horizon" TEXT,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Implication" ("conflicts", "createdAt", "id", "kind", "sourceCount", "summary", "title", "updatedAt") SELECT "conflicts", "createdAt", "id", "kind", "sourceCount", "summary", "title", "updatedAt" FROM "Implication";
DROP TABLE "Implication";
ALTER TABLE "new_Implication" RENAME TO "Implication";
CREATE INDEX "Implication_kind_id_idx" ON "Implication"("kind", "id");
CREATE INDEX "Implication_likelihood_id_idx" ON "Implication"("likelihood", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

