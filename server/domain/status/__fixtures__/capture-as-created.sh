#!/usr/bin/env bash
# Captures as-created.json: one object of every kind the status engine knows, exactly as the API
# server returns it from create (server-side dry run, so nothing is left behind; the custom
# resource needs its CRD, which is created for real and deleted afterwards). The sandbox must be
# running (`npm run sandbox`; KDEPLOY_SANDBOX_STATE points at another instance's sandbox.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${KDEPLOY_SANDBOX_STATE:-$HOME/.local/state/kdeploy-sandbox/sandbox.json}"
bin="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).binDir)' "$state")"
export KUBECONFIG="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).kubeconfigPath)' "$state")"
k() { "$bin/kubectl" "$@"; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"; k delete crd widgets-as-created.example.kdeploy.dev --ignore-not-found >/dev/null' EXIT

k create --dry-run=server -o json -f "$here/as-created-manifests.yaml" >"$tmp/builtin.json"
k apply -f - <<'YAML'
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets-as-created.example.kdeploy.dev}
spec:
  group: example.kdeploy.dev
  names: {kind: WidgetAsCreated, plural: widgets-as-created, singular: widget-as-created}
  scope: Namespaced
  versions:
    - name: v1
      served: true
      storage: true
      subresources: {status: {}}
      schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
YAML
k wait --for=condition=Established crd/widgets-as-created.example.kdeploy.dev --timeout=60s
k create --dry-run=server -o json -f - >"$tmp/custom.json" <<'YAML'
apiVersion: example.kdeploy.dev/v1
kind: WidgetAsCreated
metadata: {name: blue, namespace: default}
spec: {size: 3}
YAML

node -e '
const fs = require("fs");
// kubectl prints one pretty-printed JSON document per object, one after the other.
const read = (file) => fs.readFileSync(file, "utf8").split(/\n(?=\{\n)/).map((text) => JSON.parse(text));
const items = [...read(process.argv[1]), ...read(process.argv[2])];
for (const item of items) delete item.metadata.managedFields;
process.stdout.write(JSON.stringify({ apiVersion: "v1", kind: "List", items }, null, 2) + "\n");
' "$tmp/builtin.json" "$tmp/custom.json" >"$here/as-created.json"
echo "wrote $here/as-created.json"
