// The first administrator, without a default password anywhere. On an empty user table the
// server either creates the administrator from KDEPLOY_ADMIN_EMAIL / KDEPLOY_ADMIN_PASSWORD
// (automation), or prints a one-time setup link on the console (like a CI server's initial admin
// secret). Only the link's SHA-256 is stored; it works once, until the first user exists.
import { randomBytes, timingSafeEqual } from "node:crypto";
import type { Database } from "../store/database.ts";
import type { Logger } from "../logging.ts";
import { BadRequestError, ConflictError } from "../errors.ts";
import type { SetupInput } from "../contracts/users.ts";
import { userCreateInput } from "../contracts/users.ts";
import type { Auth } from "./auth-instance.ts";
import { hashToken } from "./api-tokens.ts";
import { createLocalUser } from "./users.ts";
import type { UserView } from "../contracts/users.ts";

const SETUP_KEY = "setup.tokenHash";

export type FirstRunResult = { kind: "ready" } | { kind: "created"; email: string } | { kind: "setup-link"; url: string };

export async function prepareFirstRun(
  db: Database,
  auth: Auth,
  /** announce: false leaves printing the link to the caller (server/index.ts prints it last). */
  options: { publicUrl: string; initialAdmin?: { email: string; password: string }; announce?: boolean },
  log: Logger,
): Promise<FirstRunResult> {
  if ((await db.user.count()) > 0) {
    await db.serverSetting.deleteMany({ where: { key: SETUP_KEY } });
    return { kind: "ready" };
  }
  if (options.initialAdmin) {
    const input = userCreateInput.safeParse({ name: "Administrator", ...options.initialAdmin, roles: ["admin"] });
    if (!input.success)
      throw new Error(
        `KDEPLOY_ADMIN_EMAIL / KDEPLOY_ADMIN_PASSWORD: ${input.error.issues.map((issue) => `${issue.path.join(".")}: ${issue.message}`).join("; ")}`,
      );
    await createLocalUser(db, auth, input.data);
    log.info({ email: input.data.email }, "created the first administrator from KDEPLOY_ADMIN_EMAIL");
    return { kind: "created", email: input.data.email };
  }
  const token = randomBytes(24).toString("base64url");
  await db.serverSetting.upsert({
    where: { key: SETUP_KEY },
    create: { key: SETUP_KEY, value: JSON.stringify(hashToken(token)) },
    update: { value: JSON.stringify(hashToken(token)) },
  });
  const url = `${options.publicUrl}/setup?token=${token}`;
  if (options.announce !== false) announceSetupLink(url, log);
  return { kind: "setup-link", url };
}

/**
 * The link is the one secret meant for the console: it goes to stdout as a plain line for the
 * person starting the server, never into the structured log.
 */
export function announceSetupLink(url: string, log: Logger): void {
  process.stdout.write(`\n  No users yet. Create the first administrator here (this link works once):\n\n    ${url}\n\n`);
  log.info("first-run setup link printed on the console");
}

export async function setupPending(db: Database): Promise<boolean> {
  return (await db.user.count()) === 0;
}

/** Creates the first administrator with a valid setup token; the token stops working. */
export async function completeSetup(db: Database, auth: Auth, input: SetupInput): Promise<UserView> {
  if (!(await setupPending(db))) throw new ConflictError("Setup is already done: sign in instead");
  const stored = await db.serverSetting.findUnique({ where: { key: SETUP_KEY } });
  const expected = stored ? Buffer.from(JSON.parse(stored.value) as string) : undefined;
  const given = Buffer.from(hashToken(input.token));
  if (!expected || expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new BadRequestError("This setup link is not valid. Use the newest link printed on the server's console.");
  }
  await db.serverSetting.delete({ where: { key: SETUP_KEY } });
  return createLocalUser(db, auth, { name: input.name, email: input.email, password: input.password, roles: ["admin"], deployEnvironmentIds: null });
}
