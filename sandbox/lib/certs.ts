// Certificates and keys for the sandbox, made with Debian's openssl (node:crypto cannot
// issue X.509 certificates). They are kept across restarts, so a sandbox registered in the
// app stays valid after `npm run sandbox:stop && npm run sandbox`.
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";

export interface ClientIdentity {
  cert: string;
  key: string;
}

export interface SandboxPki {
  dir: string;
  caCert: string;
  caKey: string;
  apiserverCert: string;
  apiserverKey: string;
  serviceAccountKey: string;
  serviceAccountPub: string;
  admin: ClientIdentity;
  controllerManager: ClientIdentity;
  scheduler: ClientIdentity;
  kwok: ClientIdentity;
}

const validDays = "3650";

function openssl(args: string[]): void {
  execFileSync("/usr/bin/openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}

export function pkiPaths(dir: string): SandboxPki {
  const identity = (name: string): ClientIdentity => ({
    cert: join(dir, `${name}.crt`),
    key: join(dir, `${name}.key`),
  });
  return {
    dir,
    caCert: join(dir, "ca.crt"),
    caKey: join(dir, "ca.key"),
    apiserverCert: join(dir, "apiserver.crt"),
    apiserverKey: join(dir, "apiserver.key"),
    serviceAccountKey: join(dir, "sa.key"),
    serviceAccountPub: join(dir, "sa.pub"),
    admin: identity("admin"),
    controllerManager: identity("controller-manager"),
    scheduler: identity("scheduler"),
    kwok: identity("kwok"),
  };
}

/** Issues a certificate signed by the sandbox CA. */
function issue(pki: SandboxPki, name: string, subject: string, extensions: string[]): void {
  const key = join(pki.dir, `${name}.key`);
  const csr = join(pki.dir, `${name}.csr`);
  const ext = join(pki.dir, `${name}.ext`);
  writeFileSync(ext, extensions.join("\n") + "\n");
  openssl(["genrsa", "-out", key, "2048"]);
  openssl(["req", "-new", "-key", key, "-subj", subject, "-out", csr]);
  openssl([
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    pki.caCert,
    "-CAkey",
    pki.caKey,
    "-CAcreateserial",
    "-days",
    validDays,
    "-sha256",
    "-extfile",
    ext,
    "-out",
    join(pki.dir, `${name}.crt`),
  ]);
}

const clientExtensions = ["basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature,keyEncipherment", "extendedKeyUsage=clientAuth"];

/** Creates whatever is missing under `dir` and returns the paths. */
export function ensurePki(dir: string): SandboxPki {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pki = pkiPaths(dir);
  if (existsSync(pki.kwok.cert)) return pki; // the last file written: everything exists
  console.log(`[sandbox] generating certificates in ${dir}`);
  openssl(["genrsa", "-out", pki.caKey, "2048"]);
  openssl([
    "req",
    "-x509",
    "-new",
    "-key",
    pki.caKey,
    "-subj",
    "/CN=kdeploy-sandbox-ca",
    "-days",
    validDays,
    "-sha256",
    "-addext",
    "basicConstraints=critical,CA:TRUE",
    "-addext",
    "keyUsage=critical,keyCertSign,cRLSign,digitalSignature",
    "-out",
    pki.caCert,
  ]);
  issue(pki, "apiserver", "/CN=kube-apiserver", [
    "basicConstraints=critical,CA:FALSE",
    "keyUsage=critical,digitalSignature,keyEncipherment",
    // clientAuth too: the apiserver presents it when it calls back into aggregated APIs.
    "extendedKeyUsage=serverAuth,clientAuth",
    "subjectAltName=IP:127.0.0.1,IP:10.96.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default," +
      "DNS:kubernetes.default.svc,DNS:kubernetes.default.svc.cluster.local",
  ]);
  issue(pki, "admin", "/O=system:masters/CN=kdeploy-sandbox-admin", clientExtensions);
  issue(pki, "controller-manager", "/CN=system:kube-controller-manager", clientExtensions);
  issue(pki, "scheduler", "/CN=system:kube-scheduler", clientExtensions);
  openssl(["genrsa", "-out", pki.serviceAccountKey, "2048"]);
  openssl(["rsa", "-in", pki.serviceAccountKey, "-pubout", "-out", pki.serviceAccountPub]);
  // kwok patches node and pod status cluster-wide; system:masters keeps that simple.
  issue(pki, "kwok", "/O=system:masters/CN=kwok", clientExtensions);
  return pki;
}
