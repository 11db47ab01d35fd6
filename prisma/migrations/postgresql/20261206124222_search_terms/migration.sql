-- AlterTable
ALTER TABLE "SearchDocument" ADD COLUMN     "folded" TEXT NOT NULL DEFAULT '',
ADD COLUMN     "terms" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "SearchTerm" (
    "term" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "weight" DOUBLE PRECISION NOT NULL,
    "naming" BOOLEAN NOT NULL,

    CONSTRAINT "SearchTerm_pkey" PRIMARY KEY ("term","type","recordId")
);

-- CreateTable
CREATE TABLE "SearchWord" (
    "form" TEXT NOT NULL,
    "term" TEXT NOT NULL,

    CONSTRAINT "SearchWord_pkey" PRIMARY KEY ("form")
);

-- CreateIndex
CREATE INDEX "SearchTerm_type_recordId_idx" ON "SearchTerm"("type", "recordId");

