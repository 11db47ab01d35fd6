-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "date" TEXT;
ALTER TABLE "Claim" ADD COLUMN "dateEnd" DATETIME;
ALTER TABLE "Claim" ADD COLUMN "datePrecision" TEXT;
ALTER TABLE "Claim" ADD COLUMN "dateStart" DATETIME;

-- CreateIndex
CREATE INDEX "Claim_dateEnd_id_idx" ON "Claim"("dateEnd", "id");

