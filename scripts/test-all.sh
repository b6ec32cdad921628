#!/usr/bin/env bash
# The whole test suite, setting up what it needs by itself:
#   Debian packages (Chromium, PostgreSQL), a private PostgreSQL on 127.0.0.1, the sandbox
#   Kubernetes cluster (built from Go modules on first use, then cached), then:
#   typecheck → lint → unit tests (SQLite + PostgreSQL) → integration tests on the sandbox →
#   fault injection on the sandbox →
#   production build → browser tests (SQLite, then PostgreSQL).
# Everything it starts it stops on exit. Ends with one line "N passed, N failed".
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
  scripts/services/postgres.sh stop >/dev/null 2>&1 || true
}
trap cleanup EXIT

stage "system packages"
bash scripts/ensure-system-packages.sh || exit 1

stage "PostgreSQL"
scripts/services/postgres.sh start || exit 1
export KDEPLOY_TEST_POSTGRES_URL="$(scripts/services/postgres.sh url)"

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
  run "integration tests (sandbox cluster)" node scripts/run-node-tests.mjs integration
  # Same sandbox: the fault tests restart its kube-apiserver and compact its etcd (and update
  # sandbox.json), so they run after every test that shares it.
  run "fault injection (sandbox)" node scripts/run-node-tests.mjs faults
fi

run "production build" env KDEPLOY_BUILD_SKIP_TYPECHECK=1 npx next build
run "browser tests (SQLite)" env E2E_DATABASE=sqlite npx playwright test
run "browser tests (PostgreSQL)" env E2E_DATABASE=postgresql npx playwright test

echo
if [ ${#failures[@]} -gt 0 ]; then echo "Failed stages: ${failures[*]}"; fi
echo "stages: $passed passed, $failed failed"
[ "$failed" = 0 ]
