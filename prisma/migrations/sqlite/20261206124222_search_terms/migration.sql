-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "weight" REAL NOT NULL,
    "naming" BOOLEAN NOT NULL,

    PRIMARY KEY ("term", "type", "recordId")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "form" TEXT NOT NULL PRIMARY KEY,
    "term" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SearchDocument" (
    "type" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "terms" TEXT NOT NULL DEFAULT '',
    "folded" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("type", "recordId")
);
INSERT INTO "new_SearchDocument" ("body", "createdAt", "recordId", "title", "type", "updatedAt") SELECT "body", "createdAt", "recordId", "title", "type", "updatedAt" FROM "SearchDocument";
DROP TABLE "SearchDocument";
ALTER TABLE "new_SearchDocument" RENAME TO "SearchDocument";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "SearchTerm_type_recordId_idx" ON "SearchTerm"("type", "recordId");

