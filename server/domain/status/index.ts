// Public surface of the status rules. Everything here is pure: objects and context in, status out.
export { computeObjectStatus, ruleFor } from "./computeObjectStatus";
export { runPreChecks, notFoundStatus } from "./preChecks";
export { childLinks, childLinksOf, isChildOf, ownerUidOf, serviceNameLabel } from "./children/childLinks";
export type { ChildLink, ChildLinkVia } from "./children/childLinks";
export { isReplicaSetShown, deploymentRevisionAnnotation } from "./children/replicaSetVisibility";
export {
  describeDescendantProblems,
  describeReasonGroups,
  descendantReasonOf,
  withDescendantProblems,
  withDescendantProblemsOf,
} from "./children/childReasons";
export type { DescendantReason, ReasonGroupSummary } from "./children/childReasons";
export type { KubeObject, KubeMetadata, KubeCondition, KubeOwnerReference } from "./kubeObject";
export type { ObjectStatus, ComputedStatus, StatusCause } from "./objectStatus";
export type { StatusContext, DescendantStatus, VolumeBindingMode } from "./statusContext";
