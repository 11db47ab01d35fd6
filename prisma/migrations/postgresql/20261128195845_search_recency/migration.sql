-- CreateIndex
CREATE INDEX "SearchDocument_createdAt_type_recordId_idx" ON "SearchDocument"("createdAt" DESC, "type" DESC, "recordId" DESC);

