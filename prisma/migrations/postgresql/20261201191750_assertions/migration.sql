-- AlterTable
ALTER TABLE "Source" ADD COLUMN     "conflicts" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "sourceCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Actor" ADD COLUMN     "conflicts" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "sourceCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Event" ADD COLUMN     "conflicts" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "sourceCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "conflicts" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "sourceCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "Implication" ADD COLUMN     "conflicts" TEXT NOT NULL DEFAULT '[]',
ADD COLUMN     "sourceCount" INTEGER NOT NULL DEFAULT 0;

-- AlterTable
ALTER TABLE "ImportRecord" ADD COLUMN     "statements" TEXT;

-- CreateTable
CREATE TABLE "Assertion" (
    "id" SERIAL NOT NULL,
    "documentId" TEXT NOT NULL,
    "recordType" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "fields" TEXT NOT NULL,
    "revision" INTEGER NOT NULL,
    "since" INTEGER NOT NULL,
    "retractedRevision" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Assertion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Assertion_documentId_recordType_recordId_idx" ON "Assertion"("documentId", "recordType", "recordId");

-- CreateIndex
CREATE INDEX "Assertion_recordType_recordId_idx" ON "Assertion"("recordType", "recordId");

