-- DropIndex
DROP INDEX "SearchDocument_createdAt_type_recordId_idx";

