-- AlterTable
ALTER TABLE "ImportRecord" ADD COLUMN "statements" TEXT;

-- CreateTable
CREATE TABLE "Assertion" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "documentId" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "since" INTEGER NOT NULL,
    "retractedRevision" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Source" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "publisher" TEXT,
    "url" TEXT,
    "description" TEXT,
    "text" TEXT,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Source" ("createdAt", "description", "id", "kind", "publisher", "text", "title", "updatedAt", "url") SELECT "createdAt", "description", "id", "kind", "publisher", "text", "title", "updatedAt", "url" FROM "Source";
DROP TABLE "Source";
ALTER TABLE "new_Source" RENAME TO "Source";
CREATE INDEX "Source_kind_id_idx" ON "Source"("kind", "id");
CREATE TABLE "new_Actor" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "description" TEXT NOT NULL,
    "wikidataId" TEXT,
    "iso3" TEXT,
    "actsForId" TEXT,
    "role" TEXT,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Actor_actsForId_fkey" FOREIGN KEY ("actsForId") REFERENCES "Actor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Actor" ("actsForId", "aliases", "createdAt", "description", "id", "iso3", "kind", "name", "role", "updatedAt", "wikidataId") SELECT "actsForId", "aliases", "createdAt", "description", "id", "iso3", "kind", "name", "role", "updatedAt", "wikidataId" FROM "Actor";
DROP TABLE "Actor";
ALTER TABLE "new_Actor" RENAME TO "Actor";
CREATE INDEX "Actor_kind_id_idx" ON "Actor"("kind", "id");
CREATE INDEX "Actor_actsForId_idx" ON "Actor"("actsForId");
CREATE TABLE "new_Event" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "date" DATETIME NOT NULL,
    "datePrecision" TEXT NOT NULL,
    "endDate" DATETIME,
    "location" TEXT,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Event" ("createdAt", "date", "datePrecision", "endDate", "id", "location", "summary", "title", "updatedAt") SELECT "createdAt", "date", "datePrecision", "endDate", "id", "location", "summary", "title", "updatedAt" FROM "Event";
DROP TABLE "Event";
ALTER TABLE "new_Event" RENAME TO "Event";
CREATE INDEX "Event_date_id_idx" ON "Event"("date", "id");
CREATE TABLE "new_Claim" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "speakerId" TEXT,
    "figureValue" REAL,
    "figureUnit" TEXT,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Claim_speakerId_fkey" FOREIGN KEY ("speakerId") REFERENCES "Actor" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Claim" ("createdAt", "figureUnit", "figureValue", "id", "kind", "speakerId", "text", "updatedAt") SELECT "createdAt", "figureUnit", "figureValue", "id", "kind", "speakerId", "text", "updatedAt" FROM "Claim";
DROP TABLE "Claim";
ALTER TABLE "new_Claim" RENAME TO "Claim";
CREATE INDEX "Claim_kind_id_idx" ON "Claim"("kind", "id");
CREATE INDEX "Claim_speakerId_id_idx" ON "Claim"("speakerId", "id");
CREATE TABLE "new_Implication" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "kind" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Implication" ("createdAt", "id", "kind", "summary", "title", "updatedAt") SELECT "createdAt", "id", "kind", "summary", "title", "updatedAt" FROM "Implication";
DROP TABLE "Implication";
ALTER TABLE "new_Implication" RENAME TO "Implication";
CREATE INDEX "Implication_kind_id_idx" ON "Implication"("kind", "id");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Assertion_documentId_recordType_recordId_idx" ON "Assertion"("documentId", "recordType", "recordId");

-- CreateIndex
CREATE INDEX "Assertion_recordType_recordId_idx" ON "Assertion"("recordType", "recordId");

