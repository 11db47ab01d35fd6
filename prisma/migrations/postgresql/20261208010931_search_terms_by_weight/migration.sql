-- DropIndex
DROP INDEX "SearchTerm_term_type_recordId_weight_naming_idx";

-- CreateIndex
CREATE INDEX "SearchTerm_term_weight_type_recordId_naming_idx" ON "SearchTerm"("term", "weight" DESC, "type", "recordId", "naming");

