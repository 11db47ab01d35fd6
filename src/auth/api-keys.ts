// API keys for the write API: created with a secret shown once, stored as a
// SHA-256 hash, verified in constant time, revocable.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { KbClient } from "../db/database.js";

/**
 * read: the reports of every past import (auditors); write: imports, and the
 * reports of its own; admin: both, and imports of documents other keys
 * imported (never the seed's).
 */
export const scopes = ["read", "write", "admin"] as const;
export type Scope = (typeof scopes)[number];

export const grants = (key: ApiKeyIdentity, scope: Scope) =>
  key.scopes.includes(scope) || key.scopes.includes("admin") || (scope === "read" && key.scopes.includes("write"));

export interface ApiKeyIdentity {
  id: string;
  name: string;
  scopes: string[];
}

const tokenPattern = /^kb_([a-z0-9]{16})\.([A-Za-z0-9_-]{43})$/;
const hash = (secret: string) => createHash("sha256").update(secret).digest();
/** Compared against when no key matches, so a miss takes as long as a wrong secret. */
const decoy = hash("decoy");

export async function createApiKey(prisma: KbClient, name: string, keyScopes: Scope[]) {
  const id = randomBytes(10).toString("hex").slice(0, 16);
  const secret = randomBytes(32).toString("base64url");
  await prisma.apiKey.create({
    data: { id, name, scopes: keyScopes.join(" "), secretHash: hash(secret).toString("hex") },
  });
  return { id, name, scopes: keyScopes, token: `kb_${id}.${secret}` };
}

export async function revokeApiKey(prisma: KbClient, id: string): Promise<boolean> {
  const { count } = await prisma.apiKey.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
  return count > 0;
}

export async function listApiKeys(prisma: KbClient) {
  return prisma.apiKey.findMany({
    select: { id: true, name: true, scopes: true, revokedAt: true, createdAt: true },
    orderBy: { createdAt: "asc" },
  });
}

/** The key a bearer token belongs to, or undefined for a malformed, unknown, wrong or revoked one. */
export async function verifyApiKey(prisma: KbClient, token: string): Promise<ApiKeyIdentity | undefined> {
  const [, id = "", secret = ""] = tokenPattern.exec(token) ?? [];
  const key = id ? await prisma.apiKey.findUnique({ where: { id } }) : null;
  const expected = key ? Buffer.from(key.secretHash, "hex") : decoy;
  const matches = timingSafeEqual(hash(secret), expected.length === 32 ? expected : decoy);
  if (!key || !matches || key.revokedAt) return undefined;
  return { id: key.id, name: key.name, scopes: key.scopes.split(" ").filter(Boolean) };
}
