// Command lines of the five sandbox processes. Every listener is on 127.0.0.1.
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { SandboxPki } from "./certs";
import type { SandboxState } from "./state";
import { sandboxSourceDir } from "./paths";

export interface ComponentLayout {
  pki: SandboxPki;
  ports: SandboxState["ports"];
  dataDir: string;
  kubeconfigs: { controllerManager: string; scheduler: string; kwok: string };
}

export function etcdArgs({ ports, dataDir }: ComponentLayout): string[] {
  const client = `http://127.0.0.1:${ports.etcdClient}`;
  const peer = `http://127.0.0.1:${ports.etcdPeer}`;
  return [
    "--name=sandbox",
    `--data-dir=${join(dataDir, "etcd")}`,
    `--listen-client-urls=${client}`,
    `--advertise-client-urls=${client}`,
    `--listen-peer-urls=${peer}`,
    `--initial-advertise-peer-urls=${peer}`,
    `--initial-cluster=sandbox=${peer}`,
    "--initial-cluster-state=new",
    // Test data is disposable: skipping fsync makes every write much cheaper.
    "--unsafe-no-fsync=true",
    "--auto-compaction-mode=periodic",
    "--auto-compaction-retention=1",
    // A small backend quota (512 MiB) keeps a runaway test from filling the disk.
    "--quota-backend-bytes=536870912",
    "--log-level=warn",
  ];
}

export function apiserverArgs({ pki, ports }: ComponentLayout): string[] {
  return [
    `--etcd-servers=http://127.0.0.1:${ports.etcdClient}`,
    "--bind-address=127.0.0.1",
    // Without a default route the apiserver cannot guess an address; loopback is what we serve.
    "--advertise-address=127.0.0.1",
    `--secure-port=${ports.apiserver}`,
    `--tls-cert-file=${pki.apiserverCert}`,
    `--tls-private-key-file=${pki.apiserverKey}`,
    `--client-ca-file=${pki.caCert}`,
    "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
    `--service-account-key-file=${pki.serviceAccountPub}`,
    `--service-account-signing-key-file=${pki.serviceAccountKey}`,
    "--authorization-mode=Node,RBAC",
    "--service-cluster-ip-range=10.96.0.0/16",
    "--allow-privileged=true",
    // The `kubernetes` Service's endpoint would be 127.0.0.1, which Endpoints validation
    // rejects; with no pods that need in-cluster API access, skip reconciling it.
    "--endpoint-reconciler-type=none",
    // Lean on 2 cores: no profiling endpoints, fewer concurrent requests, short event TTL.
    "--profiling=false",
    "--max-requests-inflight=200",
    "--max-mutating-requests-inflight=100",
    "--event-ttl=30m",
    // A namespace's deletion empties each resource with one deletecollection, worked off by this
    // many workers (default 1): the bench's 8,000-pod namespace took 90 s more for its events.
    "--delete-collection-workers=4",
    "--v=1",
  ];
}

export function controllerManagerArgs({ pki, ports, kubeconfigs }: ComponentLayout): string[] {
  return [
    `--kubeconfig=${kubeconfigs.controllerManager}`,
    `--authentication-kubeconfig=${kubeconfigs.controllerManager}`,
    `--authorization-kubeconfig=${kubeconfigs.controllerManager}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--secure-port=${ports.controllerManager}`,
    `--root-ca-file=${pki.caCert}`,
    `--service-account-private-key-file=${pki.serviceAccountKey}`,
    "--use-service-account-credentials=true",
    `--cluster-signing-cert-file=${pki.caCert}`,
    `--cluster-signing-key-file=${pki.caKey}`,
    "--allocate-node-cidrs=false",
    // The defaults (20 requests/s, burst 30) made a rollout of 8,000 pods take minutes of pod
    // creation alone (bench scenario "rollout"); the API server on 2 cores is the limit now.
    "--kube-api-qps=200",
    "--kube-api-burst=400",
    "--profiling=false",
    "--v=1",
  ];
}

export function schedulerArgs({ ports, kubeconfigs }: ComponentLayout): string[] {
  return [
    `--kubeconfig=${kubeconfigs.scheduler}`,
    `--authentication-kubeconfig=${kubeconfigs.scheduler}`,
    `--authorization-kubeconfig=${kubeconfigs.scheduler}`,
    "--leader-elect=false",
    "--bind-address=127.0.0.1",
    `--secure-port=${ports.scheduler}`,
    // Binding 8,000 pods at the default 50 requests/s took minutes (bench scenario "rollout").
    "--kube-api-qps=200",
    "--kube-api-burst=400",
    "--profiling=false",
    "--v=1",
  ];
}

/** The committed stage files (sandbox/stages/*.yaml), one --config each. */
export function stageFiles(): string[] {
  const dir = join(sandboxSourceDir, "stages");
  return readdirSync(dir)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => join(dir, f));
}

export function kwokArgs({ ports, kubeconfigs }: ComponentLayout): string[] {
  return [
    `--kubeconfig=${kubeconfigs.kwok}`,
    ...stageFiles().map((file) => `--config=${file}`),
    "--manage-all-nodes=false",
    "--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake",
    "--node-lease-duration-seconds=40",
    // Serves /healthz (and /metrics) for the readiness check.
    `--server-address=127.0.0.1:${ports.kwok}`,
  ];
}
