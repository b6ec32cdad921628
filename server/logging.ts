// Structured JSON logs (pino). One root logger; modules take children with their own bindings.
import { hostname } from "node:os";
import pino from "pino";

export type Logger = pino.Logger;

const holder = globalThis as typeof globalThis & { __kdeployLogger?: Logger };

/**
 * Which server process wrote a line or a metric when several run side by side: KDEPLOY_INSTANCE_ID
 * (the Helm chart sets the pod name), else hostname and process id.
 */
export function instanceId(): string {
  return process.env.KDEPLOY_INSTANCE_ID || `${hostname()}-${process.pid}`;
}

const options = (level: string): pino.LoggerOptions => ({
  level,
  base: { service: "kdeploy", instance: instanceId() },
  redact: {
    paths: ["*.token", "*.clientKey", "*.kubeconfig", "*.password", "*.value", "req.headers.authorization", "req.headers.cookie"],
    censor: "[redacted]",
  },
});

export function logger(): Logger {
  holder.__kdeployLogger ??= pino(options(process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info")));
  return holder.__kdeployLogger;
}

/**
 * Tests: from now on logger() writes every line at `level` and above to `destination` (the
 * secret leak test reads all of them). Call it before the app context takes its logger.
 */
export function logTo(destination: pino.DestinationStream, level = "trace"): Logger {
  holder.__kdeployLogger = pino(options(level), destination);
  return holder.__kdeployLogger;
}
