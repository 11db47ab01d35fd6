-- AlterTable
ALTER TABLE "Implication" ADD COLUMN     "hedge" TEXT,
ADD COLUMN     "horizon" TEXT,
ADD COLUMN     "likelihood" TEXT NOT NULL DEFAULT 'unstated';

-- CreateIndex
CREATE INDEX "Implication_likelihood_id_idx" ON "Implication"("likelihood", "id");

