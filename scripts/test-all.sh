#!/usr/bin/env bash
# The whole test suite, setting up what it needs by itself:
#   Debian packages (Chromium, PostgreSQL, Redis), a private PostgreSQL and a private Redis on
#   127.0.0.1, the sandbox Kubernetes cluster (built from Go modules on first use, then cached),
#   then:
#   typecheck → lint → unit tests (SQLite + PostgreSQL) →
#   integration tests on the sandbox (SQLite, then PostgreSQL) →
#   fault injection on the sandbox (SQLite, then PostgreSQL) →
#   production build → browser tests (SQLite; then PostgreSQL with Redis, the production shape).
# The PostgreSQL passes of the integration and fault stages run only the files that use a
# database (KDEPLOY_TEST_DATABASE, scripts/run-node-tests.mjs); each test file gets its own
# database on the private server. Redis runs on a free port with a throwaway data folder
# (KDEPLOY_REDIS_PORT / KDEPLOY_REDIS_DATA to choose them), exported as KDEPLOY_TEST_REDIS_URL;
# tests that stop Redis mid-test (fanout.integration.test.ts, e2e/multi-instance.spec.ts) start
# their own.
# Everything it starts it stops on exit. Each stage prints its duration; ends with one line
# "stages: N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."

export NEXT_TELEMETRY_DISABLED=1
passed=0
failed=0
failures=()
started_sandbox=0

stage() { echo; echo "━━━ $1"; }
run() {
  local name="$1"
  shift
  stage "$name"
  local start=$SECONDS
  if "$@"; then
    passed=$((passed + 1))
    echo "✔ $name ($((SECONDS - start)) s)"
  else
    failed=$((failed + 1))
    failures+=("$name")
    echo "✖ $name ($((SECONDS - start)) s)"
  fi
}

cleanup() {
  if [ "$started_sandbox" = 1 ]; then npx tsx sandbox/cli.ts stop >/dev/null 2>&1 || true; fi
  scripts/services/redis.sh stop >/dev/null 2>&1 || true
  if [ -n "${redis_data_tmp:-}" ]; then rm -rf "$redis_data_tmp"; fi
  scripts/services/postgres.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

stage "system packages"
bash scripts/ensure-system-packages.sh || exit 1

stage "PostgreSQL"
scripts/services/postgres.sh start || exit 1
export KDEPLOY_TEST_POSTGRES_URL="$(scripts/services/postgres.sh url)"

stage "Redis"
# Never someone else's Redis (the suite stops it on exit): a free port and a folder of its own.
if [ -z "${KDEPLOY_REDIS_PORT:-}" ]; then
  KDEPLOY_REDIS_PORT="$(node -e 'const s = require("node:net").createServer().listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); })')"
fi
if [ -z "${KDEPLOY_REDIS_DATA:-}" ]; then
  redis_data_tmp="$(mktemp -d /tmp/kdeploy-suite-redis-XXXXXX)"
  KDEPLOY_REDIS_DATA="$redis_data_tmp"
fi
export KDEPLOY_REDIS_PORT KDEPLOY_REDIS_DATA
scripts/services/redis.sh start || exit 1
export KDEPLOY_TEST_REDIS_URL="$(scripts/services/redis.sh url)"

run "typecheck" npx tsc --noEmit -p .
run "lint" bash -c "npx eslint --max-warnings=0 . && npx prettier --check . >/dev/null"
run "unit tests (SQLite + PostgreSQL)" node scripts/run-node-tests.mjs unit

if [ -f sandbox/cli.ts ]; then
  stage "sandbox cluster"
  if npx tsx sandbox/cli.ts status >/dev/null 2>&1; then
    echo "reusing the running sandbox"
  else
    started_sandbox=1
    npx tsx sandbox/cli.ts start || { failed=$((failed + 1)); failures+=("sandbox start"); }
  fi
  run "integration tests (sandbox, SQLite)" env KDEPLOY_TEST_DATABASE=sqlite node scripts/run-node-tests.mjs integration
  run "integration tests (sandbox, PostgreSQL)" env KDEPLOY_TEST_DATABASE=postgresql node scripts/run-node-tests.mjs integration
  # Same sandbox: the fault tests restart its kube-apiserver and compact its etcd (and update
  # sandbox.json), so they run after every test that shares it.
  run "fault injection (sandbox, SQLite)" env KDEPLOY_TEST_DATABASE=sqlite node scripts/run-node-tests.mjs faults
  run "fault injection (sandbox, PostgreSQL)" env KDEPLOY_TEST_DATABASE=postgresql node scripts/run-node-tests.mjs faults
fi

run "production build" env KDEPLOY_BUILD_SKIP_TYPECHECK=1 npx next build
run "browser tests (SQLite)" env E2E_DATABASE=sqlite npx playwright test
run "browser tests (PostgreSQL + Redis)" env E2E_DATABASE=postgresql E2E_REDIS_URL="$KDEPLOY_TEST_REDIS_URL" npx playwright test

echo
if [ ${#failures[@]} -gt 0 ]; then echo "Failed stages: ${failures[*]}"; fi
echo "total: $((SECONDS / 60)) min $((SECONDS % 60)) s"
echo "stages: $passed passed, $failed failed"
[ "$failed" = 0 ]
