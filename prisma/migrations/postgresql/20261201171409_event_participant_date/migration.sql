-- AlterTable
ALTER TABLE "EventParticipant" ADD COLUMN     "eventDate" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "EventParticipant_actorId_eventDate_eventId_idx" ON "EventParticipant"("actorId", "eventDate", "eventId");

