-- AlterTable
ALTER TABLE "Evidence" ADD COLUMN     "resolutionId" TEXT;

-- CreateTable
CREATE TABLE "Resolution" (
    "id" TEXT NOT NULL,
    "implicationId" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "date" TEXT NOT NULL,
    "datePrecision" TEXT NOT NULL,
    "dateStart" TIMESTAMP(3) NOT NULL,
    "dateEnd" TIMESTAMP(3) NOT NULL,
    "sourceCount" INTEGER NOT NULL DEFAULT 0,
    "conflicts" TEXT NOT NULL DEFAULT '[]',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Resolution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Resolution_implicationId_dateEnd_id_idx" ON "Resolution"("implicationId", "dateEnd", "id");

-- CreateIndex
CREATE INDEX "Resolution_dateEnd_id_idx" ON "Resolution"("dateEnd", "id");

-- CreateIndex
CREATE INDEX "Evidence_resolutionId_idx" ON "Evidence"("resolutionId");

-- AddForeignKey
ALTER TABLE "Resolution" ADD CONSTRAINT "Resolution_implicationId_fkey" FOREIGN KEY ("implicationId") REFERENCES "Implication"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Evidence" ADD CONSTRAINT "Evidence_resolutionId_fkey" FOREIGN KEY ("resolutionId") REFERENCES "Resolution"("id") ON DELETE CASCADE ON UPDATE CASCADE;

