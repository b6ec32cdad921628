// Browser tests in Debian's Chromium (never a downloaded browser) against the production build.
// The server is started by Playwright on 127.0.0.1 with a fresh database (e2e/serve.ts) and
// stopped at the end. E2E_DATABASE=sqlite|postgresql picks the database. The "setup" project
// signs the administrator in through the sign-in form once; every spec starts from that session
// (specs that need someone else open a fresh context and sign in themselves).
import { defineConfig } from "@playwright/test";
import { ADMIN_STORAGE_STATE, appPort as port, database } from "./e2e/run-settings.ts";

export default defineConfig({
  testDir: "e2e",
  outputDir: `test-results/${database}`,
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  reporter: [["list"]],
  projects: [
    { name: "setup", testMatch: /auth\.setup\.ts$/ },
    { name: "chromium", testMatch: /\.spec\.ts$/, dependencies: ["setup"], use: { storageState: ADMIN_STORAGE_STATE } },
  ],
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
