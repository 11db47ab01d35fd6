-- CreateTable
CREATE TABLE "ActorIdentity" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("kind", "value", "actorId"),
    CONSTRAINT "ActorIdentity_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ActorIdentity_actorId_idx" ON "ActorIdentity"("actorId");

