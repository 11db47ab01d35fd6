-- CreateTable
CREATE TABLE "Resolution" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "implicationId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "datePrecision" TEXT NOT NULL,
    "dateStart" DATETIME NOT NULL,
    "dateEnd" DATETIME NOT NULL,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Resolution_implicationId_fkey" FOREIGN KEY ("implicationId") REFERENCES "Implication" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Evidence" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "sourceId" TEXT NOT NULL,
    "quote" TEXT NOT NULL,
    "start" INTEGER NOT NULL,
    "end" INTEGER NOT NULL,
    "actorId" TEXT,
    "eventId" TEXT,
    "claimId" TEXT,
    "implicationId" TEXT,
    "issueId" TEXT,
    "positionId" TEXT,
    "resolutionId" TEXT,
    "mentionedSourceId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Evidence_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_eventId_fkey" FOREIGN KEY ("eventId") REFERENCES "Event" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_implicationId_fkey" FOREIGN KEY ("implicationId") REFERENCES "Implication" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_issueId_fkey" FOREIGN KEY ("issueId") REFERENCES "Issue" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_positionId_fkey" FOREIGN KEY ("positionId") REFERENCES "Position" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_resolutionId_fkey" FOREIGN KEY ("resolutionId") REFERENCES "Resolution" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Evidence_mentionedSourceId_fkey" FOREIGN KEY ("mentionedSourceId") REFERENCES "Source" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Evidence" ("actorId", "claimId", "createdAt", "end", "eventId", "id", "implicationId", "issueId", "mentionedSourceId", "positionId", "quote", "sourceId", "start", "updatedAt") SELECT "actorId", "claimId", "createdAt", "end", "eventId", "id", "implicationId", "issueId", "mentionedSourceId", "positionId", "quote", "sourceId", "start", "updatedAt" FROM "Evidence";
DROP TABLE "Evidence";
ALTER TABLE "new_Evidence" RENAME TO "Evidence";
CREATE INDEX "Evidence_sourceId_id_idx" ON "Evidence"("sourceId", "id");
CREATE INDEX "Evidence_actorId_idx" ON "Evidence"("actorId");
CREATE INDEX "Evidence_eventId_idx" ON "Evidence"("eventId");
CREATE INDEX "Evidence_claimId_idx" ON "Evidence"("claimId");
CREATE INDEX "Evidence_implicationId_idx" ON "Evidence"("implicationId");
CREATE INDEX "Evidence_issueId_idx" ON "Evidence"("issueId");
CREATE INDEX "Evidence_positionId_idx" ON "Evidence"("positionId");
CREATE INDEX "Evidence_resolutionId_idx" ON "Evidence"("resolutionId");
CREATE INDEX "Evidence_mentionedSourceId_idx" ON "Evidence"("mentionedSourceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "Resolution_implicationId_dateEnd_id_idx" ON "Resolution"("implicationId", "dateEnd", "id");

-- CreateIndex
CREATE INDEX "Resolution_dateEnd_id_idx" ON "Resolution"("dateEnd", "id");

