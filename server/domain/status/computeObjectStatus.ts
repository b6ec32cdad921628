import { withDescendantProblems, withDescendantProblemsOf } from "./children/childReasons";
import { groupOf, type KubeObject } from "./kubeObject";
import type { ObjectStatus } from "./objectStatus";
import { notFoundStatus, runPreChecks } from "./preChecks";
import {
  computeApiServiceStatus,
  computeCustomResourceDefinitionStatus,
  computeHorizontalPodAutoscalerStatus,
  computeNamespaceStatus,
} from "./rules/clusterObjects";
import { computeConfigMapStatus, computeSecretStatus } from "./rules/config";
import { computeDaemonSetStatus } from "./rules/daemonSet";
import { computeDeploymentStatus } from "./rules/deployment";
import { computeGenericStatus } from "./rules/genericConditions";
import { computeCronJobStatus, computeJobStatus } from "./rules/job";
import { computeEndpointSliceStatus, computeIngressStatus, computeServiceStatus } from "./rules/network";
import { computePodStatus } from "./rules/pod";
import { computeReplicaSetStatus } from "./rules/replicaSet";
import { computeStatefulSetStatus } from "./rules/statefulSet";
import { computePersistentVolumeClaimStatus, computePersistentVolumeStatus } from "./rules/storage";
import type { StatusContext } from "./statusContext";

type KindRule = (object: KubeObject, context: StatusContext) => ObjectStatus;

/**
 * Built-in kinds are matched by kind and API group together, so a custom resource that happens to
 * be called "Deployment" in its own group falls through to the generic conditions rule.
 */
const rulesByGroupKind: Readonly<Record<string, KindRule>> = {
  "apps/Deployment": computeDeploymentStatus,
  "apps/ReplicaSet": computeReplicaSetStatus,
  "apps/StatefulSet": computeStatefulSetStatus,
  "apps/DaemonSet": computeDaemonSetStatus,
  "/Pod": computePodStatus,
  "batch/Job": computeJobStatus,
  "batch/CronJob": computeCronJobStatus,
  "/Service": computeServiceStatus,
  "discovery.k8s.io/EndpointSlice": computeEndpointSliceStatus,
  "networking.k8s.io/Ingress": computeIngressStatus,
  "/ConfigMap": computeConfigMapStatus,
  "/Secret": computeSecretStatus,
  "/PersistentVolumeClaim": computePersistentVolumeClaimStatus,
  "/PersistentVolume": computePersistentVolumeStatus,
  "autoscaling/HorizontalPodAutoscaler": computeHorizontalPodAutoscalerStatus,
  "/Namespace": computeNamespaceStatus,
  "apiextensions.k8s.io/CustomResourceDefinition": computeCustomResourceDefinitionStatus,
  "apiregistration.k8s.io/APIService": computeApiServiceStatus,
};

/** "group/Kind" of every kind with a rule of its own ("/Pod" for the core group). */
export const knownGroupKinds: readonly string[] = Object.keys(rulesByGroupKind);

export function ruleFor(object: KubeObject): KindRule {
  return rulesByGroupKind[`${groupOf(object.apiVersion)}/${object.kind ?? ""}`] ?? computeGenericStatus;
}

/**
 * The row status of one tracked object: pre-checks, then its kind rule, then its descendants'
 * reasons folded into the message. `object` is undefined when it was applied but is not in the
 * cluster now.
 */
export function computeObjectStatus(object: KubeObject | undefined | null, context: StatusContext): ObjectStatus {
  if (!object) return notFoundStatus;
  const preChecked = runPreChecks(object, context);
  if (preChecked) return preChecked;
  const own = ruleFor(object)(object, context);
  return context.descendantProblems ? withDescendantProblemsOf(own, context.descendantProblems) : withDescendantProblems(own, context.descendants);
}
