import { numberField, type KubeObject } from "../kubeObject";

export const deploymentRevisionAnnotation = "deployment.kubernetes.io/revision";

/**
 * Whether a Deployment's ReplicaSet gets a row. A Deployment keeps up to ten old ReplicaSets at
 * zero replicas for rollbacks; showing them all would bury the one that matters. An old one is
 * shown while it still has replicas or still owns pods (they are terminating and worth seeing);
 * the current one (same revision as the Deployment) is always shown, even when scaled to zero.
 */
export function isReplicaSetShown(replicaSet: KubeObject, facts: { readonly ownedPodCount: number; readonly deploymentRevision?: string }): boolean {
  const revision = replicaSet.metadata?.annotations?.[deploymentRevisionAnnotation];
  if (facts.deploymentRevision !== undefined && revision === facts.deploymentRevision) return true;
  const desired = numberField(replicaSet, "spec", "replicas") ?? 1;
  const current = numberField(replicaSet, "status", "replicas") ?? 0;
  return desired > 0 || current > 0 || facts.ownedPodCount > 0;
}
