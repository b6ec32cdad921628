// Structured JSON logs (pino). One root logger; modules take children with their own bindings.
import pino from "pino";

export type Logger = pino.Logger;

const holder = globalThis as typeof globalThis & { __kdeployLogger?: Logger };

export function logger(): Logger {
  holder.__kdeployLogger ??= pino({
    level: process.env.LOG_LEVEL ?? (process.env.NODE_ENV === "test" ? "warn" : "info"),
    base: { service: "kdeploy" },
    redact: {
      paths: ["*.token", "*.clientKey", "*.kubeconfig", "*.password", "*.value", "req.headers.authorization", "req.headers.cookie"],
      censor: "[redacted]",
    },
  });
  return holder.__kdeployLogger;
}
