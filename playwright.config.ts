// Browser tests in Debian's Chromium (never a downloaded browser) against the production build.
// The server is started by Playwright on 127.0.0.1 with a fresh database (e2e/serve.ts) and
// stopped at the end. E2E_DATABASE=sqlite|postgresql picks the database.
import { defineConfig } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3310);
const database = process.env.E2E_DATABASE === "postgresql" ? "postgresql" : "sqlite";

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/${database}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
      ],
    },
  },
  webServer: {
    command: `npx tsx e2e/serve.ts`,
    url: `http://127.0.0.1:${port}/api/health`,
    env: { PORT: String(port), E2E_DATABASE: database },
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
  },
});
