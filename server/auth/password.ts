// Password hashing for local accounts: argon2id with OWASP's recommended minimum (19 MiB of
// memory, 2 iterations, 1 lane), encoded as a PHC string so the parameters travel with each hash
// and can be raised later without breaking old ones. @node-rs/argon2 ships prebuilt binaries in
// its npm packages (nothing is downloaded at install).
import { hash, verify, type Algorithm } from "@node-rs/argon2";

export const PASSWORD_HASH_PARAMETERS = {
  algorithm: 2 as Algorithm.Argon2id /* Algorithm.Argon2id (a const enum, not importable under isolatedModules) */,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
  outputLen: 32,
} as const;
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 256;

export function hashPassword(password: string): Promise<string> {
  return hash(password, PASSWORD_HASH_PARAMETERS);
}

export async function verifyPassword({ hash: stored, password }: { hash: string; password: string }): Promise<boolean> {
  if (!stored.startsWith("$argon2")) return false;
  try {
    return await verify(stored, password);
  } catch {
    return false;
  }
}
