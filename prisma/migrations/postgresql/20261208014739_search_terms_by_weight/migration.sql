-- CreateIndex
CREATE INDEX "SearchTerm_term_weight_type_recordId_naming_idx" ON "SearchTerm"("term", "weight" DESC, "type", "recordId", "naming");

