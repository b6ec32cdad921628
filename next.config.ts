import type { NextConfig } from "next";

const config: NextConfig = {
  // Native and Node-only packages are loaded by Node at run time, not bundled.
  serverExternalPackages: [
    "@kubernetes/client-node",
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "@prisma/adapter-pg",
    "pg",
    "pino",
    "@node-rs/argon2",
  ],
  poweredByHeader: false,
  // KDEPLOY_NEXT_DIST_DIR=.next-<name> gives a build (and the server that serves it) its own
  // folder, so two builds in one working tree never overwrite each other; the default is Next's.
  distDir: process.env.KDEPLOY_NEXT_DIST_DIR ?? ".next",
  // forbidden() from next/navigation renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
  reactStrictMode: true,
  // The test suite typechecks the whole project in its own stage first, so its build may skip a
  // second, slower pass (KDEPLOY_BUILD_SKIP_TYPECHECK=1); `npm start` builds with the check.
  typescript: { ignoreBuildErrors: process.env.KDEPLOY_BUILD_SKIP_TYPECHECK === "1" },
};

export default config;
