// API tokens for automation: a pipeline that creates releases and deploys. A token is 32 random
// bytes shown once ("kd_" + base64url); only its SHA-256 is stored: a token has enough entropy
// that a slow hash adds nothing, and a fast one lets every request be checked by index.
import { createHash, randomBytes } from "node:crypto";
import type { Database } from "../store/database.ts";
import { NotFoundError } from "../errors.ts";
import { isDatabaseUnavailable } from "../store/database-errors.ts";

export const TOKEN_PREFIX = "kd_";

export const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

export type ApiTokenView = {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  expiresAt: string | null;
  revokedAt: string | null;
};

export async function createApiToken(
  db: Database,
  userId: string,
  input: { name: string; expiresInDays?: number | null },
): Promise<{ token: string; view: ApiTokenView }> {
  const token = TOKEN_PREFIX + randomBytes(32).toString("base64url");
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  const row = await db.apiToken.create({ data: { userId, name: input.name, tokenHash: hashToken(token), prefix: token.slice(0, 9), expiresAt } });
  return { token, view: tokenView(row) };
}

export async function listApiTokens(db: Database, userId: string): Promise<ApiTokenView[]> {
  const rows = await db.apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(tokenView);
}

/** Revokes one of the user's own tokens (another user's id answers like an unknown one). */
export async function revokeApiToken(db: Database, userId: string, tokenId: string): Promise<ApiTokenView> {
  const row = await db.apiToken.findFirst({ where: { id: tokenId, userId } });
  if (!row) throw new NotFoundError("API token", tokenId);
  return tokenView(row.revokedAt ? row : await db.apiToken.update({ where: { id: row.id }, data: { revokedAt: new Date() } }));
}

/** The user a bearer token acts for, or undefined when it is unknown, revoked or expired. */
export async function userIdForToken(db: Database, token: string, now = new Date()): Promise<string | undefined> {
  if (!token.startsWith(TOKEN_PREFIX)) return undefined;
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(token) } });
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return undefined;
  // One write a minute at most per token: "last used" is for people, not a request log, so a
  // database too busy to write it does not refuse a request that only reads.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 60_000) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } }).catch((error: unknown) => {
      if (!isDatabaseUnavailable(error)) throw error;
    });
  }
  return row.userId;
}

type TokenRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; expiresAt: Date | null; revokedAt: Date | null };
const tokenView = (row: TokenRow): ApiTokenView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  expiresAt: row.expiresAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});
