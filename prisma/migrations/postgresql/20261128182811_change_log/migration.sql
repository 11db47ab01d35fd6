-- CreateTable
CREATE TABLE "Change" (
    "id" SERIAL NOT NULL,
    "revision" INTEGER NOT NULL,
    "recordType" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "change" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Change_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Change_revision_id_idx" ON "Change"("revision", "id");

