// Sealing of secret material at rest: cluster credentials and Secret step values.
// AES-256-GCM with a random 96-bit IV per value. Sealed text: "v1.<keyId>.<base64(iv|tag|ciphertext)>".
// The key comes from KDEPLOY_SECRET_KEY (base64 or hex of 32 bytes) or from a key file generated
// on first start with mode 0600. keyId (first 8 hex chars of the key's SHA-256) tells which key
// sealed a value, so a wrong key gives a clear error instead of garbage.
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

const VERSION = "v1";

export class SealError extends Error {}

export type Sealer = {
  seal(plaintext: string): string;
  unseal(sealed: string): string;
  /** A key for another purpose (session signing), derived so one secret key is all to keep. */
  deriveSecret(purpose: string): string;
  keyId: string;
};

export function createSealer(key: Buffer): Sealer {
  if (key.length !== 32) throw new SealError(`The secret key must be 32 bytes, got ${key.length}`);
  const keyId = createHash("sha256").update(key).digest("hex").slice(0, 8);
  return {
    keyId,
    deriveSecret: (purpose) => createHmac("sha256", key).update(`kdeploy:${purpose}`).digest("base64url"),
    seal(plaintext) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return `${VERSION}.${keyId}.${Buffer.concat([iv, cipher.getAuthTag(), ciphertext]).toString("base64")}`;
    },
    unseal(sealed) {
      const [version, sealedKeyId, body] = sealed.split(".");
      if (version !== VERSION || !sealedKeyId || body === undefined) throw new SealError("Not a sealed value");
      if (sealedKeyId !== keyId) throw new SealError(`This value was sealed with another secret key (${sealedKeyId}); the server runs with key ${keyId}`);
      const raw = Buffer.from(body, "base64");
      const decipher = createDecipheriv("aes-256-gcm", key, raw.subarray(0, 12));
      decipher.setAuthTag(raw.subarray(12, 28));
      try {
        return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString("utf8");
      } catch {
        throw new SealError("A sealed value failed its integrity check (tampered or corrupted)");
      }
    },
  };
}

export function parseKey(text: string): Buffer {
  const trimmed = text.trim();
  const key = /^[0-9a-f]{64}$/i.test(trimmed) ? Buffer.from(trimmed, "hex") : Buffer.from(trimmed, "base64");
  if (key.length !== 32) throw new SealError("KDEPLOY_SECRET_KEY must be 32 bytes, as 64 hex characters or base64 (openssl rand -base64 32)");
  return key;
}

/** The key from the environment, else from the key file (created with mode 0600 if missing). */
export function loadOrCreateKey(options: { keyFromEnv?: string; keyFile: string }): Buffer {
  if (options.keyFromEnv) return parseKey(options.keyFromEnv);
  if (!existsSync(options.keyFile)) {
    mkdirSync(dirname(options.keyFile), { recursive: true });
    writeFileSync(options.keyFile, randomBytes(32).toString("base64") + "\n", { mode: 0o600, flag: "wx" });
  }
  const mode = statSync(options.keyFile).mode & 0o777;
  if (mode & 0o077) chmodSync(options.keyFile, 0o600); // never leave the key readable by others
  return parseKey(readFileSync(options.keyFile, "utf8"));
}
