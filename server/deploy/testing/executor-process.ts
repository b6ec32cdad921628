// A server process reduced to its executor, for the SIGKILL test of resuming
// (executor-resume.integration.test.ts): it opens the database, runs what is queued, and keeps
// running until it is killed. KDEPLOY_RESUME_DATABASE_URL and KDEPLOY_RESUME_SEALER_KEY (hex)
// name the database and the key its environments' credentials are sealed with.
import { createDatabase } from "../../store/database.ts";
import { createSealer } from "../../security/credentials.ts";
import { logger } from "../../logging.ts";
import { createExecutor } from "../executor.ts";

const db = createDatabase(process.env.KDEPLOY_RESUME_DATABASE_URL!);
const executor = createExecutor(db, createSealer(Buffer.from(process.env.KDEPLOY_RESUME_SEALER_KEY!, "hex")), logger().child({ module: "executor-process" }));
await executor.recover();
// Kept alive by the executor's watches; the test kills it with SIGKILL.
setInterval(() => undefined, 60_000);
