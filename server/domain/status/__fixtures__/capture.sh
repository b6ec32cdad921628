#!/usr/bin/env bash
# Re-captures the fixtures marked "captured" in README.md from the running sandbox cluster
# (`npm run sandbox`). Creates namespace kdeploy-fixtures, StorageClass kdeploy-fixtures-wait and
# CRD widgets.example.kdeploy.dev, captures, then deletes them. Names inside fixtures change on
# each capture (pod hashes, IPs), so the tests' expected strings may need updating afterwards.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
state="${KDEPLOY_SANDBOX_STATE:-$HOME/.local/state/kdeploy-sandbox/sandbox.json}"
bin="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).binDir)' "$state")"
export KUBECONFIG="$(node -e 'console.log(JSON.parse(require("fs").readFileSync(process.argv[1])).kubeconfigPath)' "$state")"
k() { "$bin/kubectl" "$@"; }
ns=(-n kdeploy-fixtures)

k apply -f "$here/capture-manifests.yaml"
k wait --for=condition=Established crd/widgets.example.kdeploy.dev --timeout=60s
k apply -f - <<'YAML'
apiVersion: example.kdeploy.dev/v1
kind: Widget
metadata: {name: blue, namespace: kdeploy-fixtures}
spec: {size: 3}
YAML
k patch widget blue "${ns[@]}" --subresource=status --type=merge -p '{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"False","observedGeneration":1,"lastTransitionTime":"2026-11-26T05:41:00Z","reason":"DependencyNotReady","message":"waiting for Secret widget-blue-tls"}]}}'
sleep 30 # crash loops restart, the progress deadline (15 s) passes, Jobs finish

save() { # save NAME kubectl-get-args...: the object as JSON, without managedFields
  local name="$1"; shift
  k get "$@" -o json | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const o=JSON.parse(s);delete o.metadata.managedFields;process.stdout.write(JSON.stringify(o,null,2)+"\n")})' >"$here/$name.json"
}
first() { k get "$@" -o name | head -1; }
save deployment-available deployment web "${ns[@]}"
save deployment-progress-deadline-exceeded deployment crash "${ns[@]}"
save replicaset-available "$(first rs "${ns[@]}" -l app=web)" "${ns[@]}"
save replicaset-crashloop "$(first rs "${ns[@]}" -l app=crash)" "${ns[@]}"
save statefulset-ready statefulset db "${ns[@]}"
save daemonset-ready daemonset node-agent "${ns[@]}"
save pod-running-ready "$(first pod "${ns[@]}" -l app=web)" "${ns[@]}"
save pod-crashloop "$(first pod "${ns[@]}" -l app=crash)" "${ns[@]}"
save pod-image-pull-backoff pod pull-error "${ns[@]}"
save pod-never-ready pod never-ready "${ns[@]}"
save pod-unschedulable pod too-big "${ns[@]}"
save pod-failed-exit-code "$(first pod "${ns[@]}" -l job-name=migrate-fails)" "${ns[@]}"
save pod-succeeded "$(first pod "${ns[@]}" -l job-name=migrate)" "${ns[@]}"
save job-complete job migrate "${ns[@]}"
save job-failed job migrate-fails "${ns[@]}"
save cronjob cronjob nightly-report "${ns[@]}"
save service-clusterip service web "${ns[@]}"
save service-loadbalancer-pending service web-public "${ns[@]}"
save endpointslice "$(first endpointslice "${ns[@]}" -l kubernetes.io/service-name=web)" "${ns[@]}"
save ingress ingress web "${ns[@]}"
save configmap configmap web-config "${ns[@]}"
save secret secret web-credentials "${ns[@]}"
save pvc-pending pvc uploads "${ns[@]}"
save hpa-unable-to-scale hpa web "${ns[@]}"
save namespace-active namespace kdeploy-fixtures
save crd-established crd widgets.example.kdeploy.dev
save custom-resource-not-ready widget blue "${ns[@]}"
save storageclass-wait-for-first-consumer storageclass kdeploy-fixtures-wait

k delete namespace kdeploy-fixtures --wait=false
k delete storageclass kdeploy-fixtures-wait
k delete crd widgets.example.kdeploy.dev
