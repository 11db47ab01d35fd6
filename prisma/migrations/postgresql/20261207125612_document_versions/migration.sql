-- CreateTable
CREATE TABLE "DocumentVersion" (
    "documentId" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "evidence" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DocumentVersion_pkey" PRIMARY KEY ("documentId","revision")
);

-- CreateIndex
CREATE INDEX "DocumentVersion_revision_idx" ON "DocumentVersion"("revision");

