// Environments and their Kubernetes target. Credentials are sealed before they are stored and
// never leave this module in clear except to build a client for the cluster.
import { createHash, X509Certificate } from "node:crypto";
import type { Database } from "../store/database.ts";
import type { EnvironmentInput, EnvironmentView, TargetInput, TargetView } from "../contracts/environments.ts";
import { kubeconfigContexts } from "../contracts/environments.ts";
import type { Sealer } from "../security/credentials.ts";
import { ConflictError, FieldValidationError, NotFoundError } from "../errors.ts";
import {
  buildKubeConfig,
  KubeconfigFormatError,
  KubeconfigPolicyError,
  type KubeconfigPolicy,
  type TargetConnection,
  type TargetCredentials,
} from "../kube/kubeconfig.ts";
import { checkKubeconfig } from "../kube/kubeconfig-policy.ts";
import { caDataProblem, pemCertificateProblem } from "./certificate-authority.ts";
import { testConnection, type ConnectionTestResult } from "../kube/connection-test.ts";
import { kubeconfigPolicy } from "../settings/kubeconfig-policy.ts";

type TargetRow = {
  authKind: string;
  serverUrl: string;
  caCertificate: string | null;
  insecureSkipTlsVerify: boolean;
  kubeconfigContext: string | null;
  defaultNamespace: string;
  encryptedCredentials: string;
  credentialHint: string;
};
type EnvironmentRow = { id: string; name: string; description: string; version: number; createdAt: Date; updatedAt: Date; target: TargetRow | null };

export async function listEnvironments(db: Database): Promise<EnvironmentView[]> {
  const rows = await db.environment.findMany({ orderBy: { name: "asc" }, include: { target: true } });
  return rows.map(toView);
}

export async function getEnvironment(db: Database, id: string): Promise<EnvironmentView> {
  return toView(await findEnvironment(db, id));
}

export async function createEnvironment(db: Database, sealer: Sealer, input: EnvironmentInput): Promise<EnvironmentView> {
  const target = resolveTarget(input.target, undefined, sealer, await kubeconfigPolicy(db));
  const existing = await db.environment.findUnique({ where: { name: input.name } });
  if (existing) throw new ConflictError(`An environment named "${input.name}" already exists`);
  const created = await db.environment.create({
    data: { name: input.name, description: input.description, target: { create: target } },
    include: { target: true },
  });
  return toView(created);
}

export async function updateEnvironment(
  db: Database,
  sealer: Sealer,
  id: string,
  input: EnvironmentInput & { expectedVersion: number },
): Promise<EnvironmentView> {
  const policy = await kubeconfigPolicy(db);
  const updated = await db.$transaction(async (tx) => {
    const current = await tx.environment.findUnique({ where: { id }, include: { target: true } });
    if (!current) throw new NotFoundError("Environment", id);
    if (current.version !== input.expectedVersion)
      throw new ConflictError("This environment was changed by someone else since you opened it. Reload it, then apply your changes again.");
    if (input.name !== current.name && (await tx.environment.findUnique({ where: { name: input.name } }))) {
      throw new FieldValidationError([{ path: "name", message: `An environment named "${input.name}" already exists` }]);
    }
    const target = resolveTarget(input.target, current.target ?? undefined, sealer, policy);
    const result = await tx.environment.updateMany({
      where: { id, version: input.expectedVersion },
      data: { name: input.name, description: input.description, version: { increment: 1 } },
    });
    if (result.count === 0) throw new ConflictError("This environment was changed by someone else since you opened it.");
    await tx.kubernetesTarget.upsert({ where: { environmentId: id }, create: { environmentId: id, ...target }, update: target });
    return tx.environment.findUniqueOrThrow({ where: { id }, include: { target: true } });
  });
  return toView(updated);
}

export async function deleteEnvironment(db: Database, id: string): Promise<void> {
  await findEnvironment(db, id);
  const deployments = await db.deployment.count({ where: { environmentId: id } });
  if (deployments > 0)
    throw new ConflictError(
      `This environment has ${deployments} deployment${deployments === 1 ? "" : "s"} in its history, which auditors rely on; it cannot be deleted`,
    );
  await db.environment.delete({ where: { id } });
}

/** Tests a saved environment's connection, or an unsaved target (before the first save). */
export async function testEnvironmentConnection(db: Database, sealer: Sealer, id: string): Promise<ConnectionTestResult> {
  const environment = await findEnvironment(db, id);
  if (!environment.target) return { ok: false, message: "This environment has no Kubernetes target" };
  return testBuiltConnection({ ...connectionOf(environment.target, sealer), policy: await kubeconfigPolicy(db) }, environment.target.defaultNamespace);
}

export async function testTargetInput(sealer: Sealer, input: TargetInput, existingId: string | undefined, db: Database): Promise<ConnectionTestResult> {
  const previous = existingId ? ((await findEnvironment(db, existingId)).target ?? undefined) : undefined;
  const policy = await kubeconfigPolicy(db);
  const target = resolveTarget(input, previous, sealer, policy);
  return testBuiltConnection({ ...connectionOf(target, sealer), policy }, target.defaultNamespace);
}

/** A stored kubeconfig the policy refuses now fails its test with the policy's sentence; nothing runs. */
async function testBuiltConnection(connection: TargetConnection, namespace: string): Promise<ConnectionTestResult> {
  try {
    return await testConnection(buildKubeConfig(connection), namespace);
  } catch (error) {
    if (error instanceof KubeconfigPolicyError || error instanceof KubeconfigFormatError) return { ok: false, message: error.message };
    throw error;
  }
}

/**
 * The connection of an environment's target, credentials unsealed, with the kubeconfig policy in
 * force now (for the deploy executor and the details drawer: buildKubeConfig applies it).
 */
export async function environmentConnection(db: Database, sealer: Sealer, id: string): Promise<TargetConnection & { defaultNamespace: string }> {
  const environment = await findEnvironment(db, id);
  if (!environment.target) throw new ConflictError(`Environment "${environment.name}" has no Kubernetes target`);
  return { ...connectionOf(environment.target, sealer), policy: await kubeconfigPolicy(db), defaultNamespace: environment.target.defaultNamespace };
}

function connectionOf(target: TargetRow, sealer: Sealer): TargetConnection {
  return {
    serverUrl: target.serverUrl,
    caCertificate: target.caCertificate,
    insecureSkipTlsVerify: target.insecureSkipTlsVerify,
    kubeconfigContext: target.kubeconfigContext,
    credentials: JSON.parse(sealer.unseal(target.encryptedCredentials)) as TargetCredentials,
  };
}

/** Validates the input against the previous target (secrets may be omitted to keep them) and seals. */
function resolveTarget(input: TargetInput, previous: TargetRow | undefined, sealer: Sealer, policy: KubeconfigPolicy): TargetRow {
  const previousCredentials =
    previous && previous.authKind === input.authKind ? (JSON.parse(sealer.unseal(previous.encryptedCredentials)) as TargetCredentials) : undefined;
  if (input.authKind === "kubeconfig") {
    const kubeconfig = input.kubeconfig?.trim()
      ? input.kubeconfig
      : previousCredentials?.authKind === "kubeconfig"
        ? previousCredentials.kubeconfig
        : undefined;
    if (!kubeconfig) throw new FieldValidationError([{ path: "target.kubeconfig", message: "Upload or paste a kubeconfig" }]);
    const { contexts, currentContext, error } = kubeconfigContexts(kubeconfig);
    if (error) throw new FieldValidationError([{ path: "target.kubeconfig", message: error }]);
    // No context picked (yet: the picker fills in once the contexts are read) means the
    // kubeconfig's current context, as kubectl does; Test connection and Create read it alike.
    const contextName = input.context || currentContext || (contexts.length === 1 ? contexts[0]!.name : "");
    if (!contextName) throw new FieldValidationError([{ path: "target.context", message: "The kubeconfig names no current context: pick one" }]);
    const context = contexts.find((c) => c.name === contextName);
    if (!context) throw new FieldValidationError([{ path: "target.context", message: `The kubeconfig has no context "${contextName}"` }]);
    if (!context.server)
      throw new FieldValidationError([
        { path: "target.context", message: `Context "${context.name}" names cluster "${context.cluster}", which the kubeconfig does not define` },
      ]);
    // The policy check at save time: what is refused is never stored (buildKubeConfig runs nothing).
    try {
      const { cluster } = checkKubeconfig(kubeconfig, context.name, policy);
      const caProblem = cluster.caData ? caDataProblem(cluster.caData, `The certificate-authority-data of cluster "${cluster.name}"`) : undefined;
      if (caProblem) throw new FieldValidationError([{ path: "target.kubeconfig", message: caProblem }]);
      buildKubeConfig({
        serverUrl: context.server,
        caCertificate: null,
        insecureSkipTlsVerify: false,
        kubeconfigContext: context.name,
        credentials: { authKind: "kubeconfig", kubeconfig },
        policy,
      });
    } catch (error) {
      if (error instanceof FieldValidationError) throw error;
      if (error instanceof KubeconfigPolicyError) throw new FieldValidationError([{ path: "target.kubeconfig", message: error.message }]);
      throw new FieldValidationError([{ path: "target.kubeconfig", message: `The kubeconfig cannot be used: ${(error as Error).message}` }]);
    }
    return {
      authKind: "kubeconfig",
      serverUrl: context.server,
      caCertificate: null,
      insecureSkipTlsVerify: false,
      kubeconfigContext: context.name,
      defaultNamespace: input.defaultNamespace || context.namespace || "default",
      encryptedCredentials: sealer.seal(JSON.stringify({ authKind: "kubeconfig", kubeconfig })),
      credentialHint: `kubeconfig context ${context.name} (user ${context.user})`,
    };
  }
  const caProblem = input.caCertificate ? pemCertificateProblem(input.caCertificate, "The CA certificate") : undefined;
  if (caProblem) throw new FieldValidationError([{ path: "target.caCertificate", message: caProblem }]);
  const common = {
    serverUrl: input.serverUrl,
    caCertificate: input.caCertificate || null,
    insecureSkipTlsVerify: input.insecureSkipTlsVerify,
    kubeconfigContext: null,
    defaultNamespace: input.defaultNamespace,
  };
  if (input.authKind === "token") {
    const token = input.token || (previousCredentials?.authKind === "token" ? previousCredentials.token : undefined);
    if (!token) throw new FieldValidationError([{ path: "target.token", message: "Enter a bearer token" }]);
    const fingerprint = createHash("sha256").update(token).digest("hex").slice(0, 8);
    return {
      authKind: "token",
      ...common,
      encryptedCredentials: sealer.seal(JSON.stringify({ authKind: "token", token })),
      credentialHint: `bearer token (fingerprint ${fingerprint})`,
    };
  }
  const kept = previousCredentials?.authKind === "clientCertificate" ? previousCredentials : undefined;
  const clientCertificate = input.clientCertificate || kept?.clientCertificate;
  const clientKey = input.clientKey || kept?.clientKey;
  const issues = [];
  if (!clientCertificate) issues.push({ path: "target.clientCertificate", message: "Paste the client certificate (PEM)" });
  if (!clientKey) issues.push({ path: "target.clientKey", message: "Paste the client key (PEM)" });
  if (issues.length) throw new FieldValidationError(issues);
  return {
    authKind: "clientCertificate",
    ...common,
    encryptedCredentials: sealer.seal(JSON.stringify({ authKind: "clientCertificate", clientCertificate, clientKey })),
    credentialHint: `client certificate ${certificateSubject(clientCertificate!)}`,
  };
}

function certificateSubject(pem: string): string {
  try {
    const certificate = new X509Certificate(pem);
    return (
      certificate.subject
        .split("\n")
        .filter((part) => part.startsWith("CN=") || part.startsWith("O="))
        .join(", ") || "(no subject)"
    );
  } catch {
    throw new FieldValidationError([{ path: "target.clientCertificate", message: "The client certificate could not be read as an X.509 certificate" }]);
  }
}

async function findEnvironment(db: Database, id: string): Promise<EnvironmentRow> {
  const environment = await db.environment.findUnique({ where: { id }, include: { target: true } });
  if (!environment) throw new NotFoundError("Environment", id);
  return environment;
}

function toView(row: EnvironmentRow): EnvironmentView {
  const target: TargetView | null = row.target
    ? {
        authKind: row.target.authKind as TargetView["authKind"],
        serverUrl: row.target.serverUrl,
        caCertificate: row.target.caCertificate ?? "",
        insecureSkipTlsVerify: row.target.insecureSkipTlsVerify,
        kubeconfigContext: row.target.kubeconfigContext,
        defaultNamespace: row.target.defaultNamespace,
        credentialHint: row.target.credentialHint,
      }
    : null;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    version: row.version,
    target,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
