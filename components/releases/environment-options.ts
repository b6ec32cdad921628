// Environments a release can be deployed to (those with a Kubernetes target), as select options.
import type { EnvironmentView } from "@/server/contracts/environments.ts";

export function deployableEnvironmentOptions(environments: EnvironmentView[]): { id: string; label: string }[] {
  return environments
    .filter((environment) => environment.target !== null)
    .map((environment) => ({ id: environment.id, label: `${environment.name} (namespace ${environment.target!.defaultNamespace})` }));
}
