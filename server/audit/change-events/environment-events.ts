// Change events of environments and their Kubernetes targets. A target is named after its
// environment and identified by the environment's id (one target per environment, and that is the
// page that shows it). Credentials are compared through a digest computed in memory (a save
// re-seals them, so the sealed text differs even when nothing changed); only the field name
// "credentials" reaches an event.
import { createHash } from "node:crypto";
import type { Database } from "../../store/database.ts";
import type { EnvironmentView } from "../../contracts/environments.ts";
import type { Sealer } from "../../security/credentials.ts";
import type { ChangeEvent } from "../change-trail.ts";
import { changedFields, fieldList } from "./changed-fields.ts";

export type EnvironmentState = { id: string; name: string; environment: Record<string, unknown>; target: Record<string, unknown> | null };

const AUTH_LABELS: Record<string, string> = { token: "bearer token", clientCertificate: "client certificate", kubeconfig: "kubeconfig" };

export async function environmentState(db: Database, sealer: Sealer, id: string): Promise<EnvironmentState | null> {
  const row = await db.environment.findUnique({ where: { id }, include: { target: true } });
  if (!row) return null;
  const target = row.target
    ? {
        authKind: row.target.authKind,
        serverUrl: row.target.serverUrl,
        caCertificate: row.target.caCertificate ?? "",
        insecureSkipTlsVerify: row.target.insecureSkipTlsVerify,
        kubeconfigContext: row.target.kubeconfigContext,
        defaultNamespace: row.target.defaultNamespace,
        credentials: credentialsDigest(sealer, row.target.encryptedCredentials),
      }
    : null;
  return { id: row.id, name: row.name, environment: { name: row.name, description: row.description }, target };
}

/** A digest to compare, never stored; credentials that cannot be unsealed compare by their sealed text (the save replaces them). */
function credentialsDigest(sealer: Sealer, sealed: string): string {
  try {
    return createHash("sha256").update(sealer.unseal(sealed)).digest("hex");
  } catch {
    return `sealed:${createHash("sha256").update(sealed).digest("hex")}`;
  }
}

const targetName = (environmentName: string) => `${environmentName} (Kubernetes target)`;

export function environmentCreated(environment: EnvironmentView): ChangeEvent[] {
  const events: ChangeEvent[] = [
    {
      action: "environment.create",
      targetType: "environment",
      targetId: environment.id,
      targetName: environment.name,
      summary: `created environment ${environment.name}`,
    },
  ];
  if (environment.target) {
    const { authKind, serverUrl, defaultNamespace } = environment.target;
    events.push({
      action: "target.create",
      targetType: "target",
      targetId: environment.id,
      targetName: targetName(environment.name),
      summary: `connected environment ${environment.name} to ${serverUrl} with a ${AUTH_LABELS[authKind] ?? authKind}`,
      details: { environmentName: environment.name, authKind, serverUrl, defaultNamespace },
    });
  }
  return events;
}

/** `before` was read before the save; the environment is read again to compare what is stored now. */
export async function environmentUpdated(db: Database, sealer: Sealer, before: EnvironmentState | null, environment: EnvironmentView): Promise<ChangeEvent[]> {
  const after = await environmentState(db, sealer, environment.id);
  const fields = before && after ? changedFields(before.environment, after.environment) : [];
  const targetFields = after?.target ? changedFields(before?.target ?? {}, after.target) : [];
  const renamed = before && before.name !== environment.name ? ` (was ${before.name})` : "";
  const events: ChangeEvent[] = [];
  // A save that changed only the target is one target event; one that changed nothing is still recorded.
  if (fields.length > 0 || targetFields.length === 0) {
    events.push({
      action: "environment.update",
      targetType: "environment",
      targetId: environment.id,
      targetName: environment.name,
      summary: `changed environment ${environment.name}${renamed}: ${fieldList(fields)}`,
      details: { changedFields: fields, version: environment.version },
    });
  }
  if (targetFields.length > 0) {
    events.push({
      action: before?.target ? "target.update" : "target.create",
      targetType: "target",
      targetId: environment.id,
      targetName: targetName(environment.name),
      summary: `changed the Kubernetes target of ${environment.name}: ${fieldList(targetFields)}`,
      details: { environmentName: environment.name, changedFields: targetFields, authKind: environment.target?.authKind ?? null },
    });
  }
  return events;
}

export const environmentDeleted = (environment: EnvironmentView): ChangeEvent => ({
  action: "environment.delete",
  targetType: "environment",
  targetId: environment.id,
  targetName: environment.name,
  summary: `deleted environment ${environment.name}${environment.target ? " and its Kubernetes target" : ""}`,
});
