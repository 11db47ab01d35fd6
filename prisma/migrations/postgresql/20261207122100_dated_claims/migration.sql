-- AlterTable
ALTER TABLE "Claim" ADD COLUMN     "date" TEXT,
ADD COLUMN     "dateEnd" TIMESTAMP(3),
ADD COLUMN     "datePrecision" TEXT,
ADD COLUMN     "dateStart" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Claim_dateEnd_id_idx" ON "Claim"("dateEnd", "id");

