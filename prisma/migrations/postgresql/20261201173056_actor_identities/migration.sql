-- CreateTable
CREATE TABLE "ActorIdentity" (
    "kind" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ActorIdentity_pkey" PRIMARY KEY ("kind","value","actorId")
);

-- CreateIndex
CREATE INDEX "ActorIdentity_actorId_idx" ON "ActorIdentity"("actorId");

-- AddForeignKey
ALTER TABLE "ActorIdentity" ADD CONSTRAINT "ActorIdentity_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "Actor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

