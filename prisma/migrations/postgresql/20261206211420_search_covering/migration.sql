-- CreateIndex
CREATE INDEX "SearchTerm_term_type_recordId_weight_naming_idx" ON "SearchTerm"("term", "type", "recordId", "weight", "naming");

