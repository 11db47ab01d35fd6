-- CreateTable
CREATE TABLE "DocumentVersion" (
    "documentId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("documentId", "revision")
);

-- CreateIndex
CREATE INDEX "DocumentVersion_revision_idx" ON "DocumentVersion"("revision");

