// A server process reduced to its executor, for the SIGKILL tests of resuming and of takeover
// (executor-resume.integration.test.ts, queue/takeover.integration.test.ts): it opens the
// database, runs what is queued, and keeps running until it is killed.
// KDEPLOY_RESUME_DATABASE_URL and KDEPLOY_RESUME_SEALER_KEY (hex) name the database and the key
// its environments' credentials are sealed with. Its instance id is KDEPLOY_INSTANCE_ID, else the
// test process's own (it stands in for that process restarting: the test's next executor resumes
// its work at once, as the same instance). KDEPLOY_LEASE_MS / KDEPLOY_HEARTBEAT_MS shorten the
// lease, KDEPLOY_QUEUE_POLL_MS makes it look for work queued elsewhere.
import { hostname } from "node:os";
import { createDatabase } from "../../store/database.ts";
import { createSealer } from "../../security/credentials.ts";
import { logger } from "../../logging.ts";
import { createExecutor } from "../executor.ts";

const db = createDatabase(process.env.KDEPLOY_RESUME_DATABASE_URL!);
const pollMs = Number(process.env.KDEPLOY_QUEUE_POLL_MS ?? 0);
const executor = createExecutor(db, createSealer(Buffer.from(process.env.KDEPLOY_RESUME_SEALER_KEY!, "hex")), logger().child({ module: "executor-process" }), {
  queue: { instanceId: process.env.KDEPLOY_INSTANCE_ID || `${hostname()}-${process.ppid}`, pollMs },
});
await executor.recover();
// Kept alive by the executor's watches; the test kills it with SIGKILL.
setInterval(() => undefined, 60_000);
