// The environment form's state, how it starts from a saved environment, and the request body
// it becomes. Secret fields always start empty: the browser never receives stored credentials.
import type { EnvironmentView, TargetInput } from "@/server/contracts/environments.ts";
import type { AuthKind } from "./auth-kind-labels.ts";

export type EnvironmentFormState = {
  name: string;
  description: string;
  authKind: AuthKind;
  serverUrl: string;
  caCertificate: string;
  insecureSkipTlsVerify: boolean;
  token: string;
  clientCertificate: string;
  clientKey: string;
  kubeconfig: string;
  context: string;
  defaultNamespace: string;
};

export function initialFormState(environment?: EnvironmentView): EnvironmentFormState {
  const target = environment?.target;
  return {
    name: environment?.name ?? "",
    description: environment?.description ?? "",
    authKind: target?.authKind ?? "token",
    serverUrl: target && target.authKind !== "kubeconfig" ? target.serverUrl : "",
    caCertificate: target?.caCertificate ?? "",
    insecureSkipTlsVerify: target?.insecureSkipTlsVerify ?? false,
    token: "",
    clientCertificate: "",
    clientKey: "",
    kubeconfig: "",
    context: target?.kubeconfigContext ?? "",
    defaultNamespace: target?.defaultNamespace ?? "default",
  };
}

/** The target as the API expects it; empty secret fields are omitted (= keep the stored value). */
export function toTargetInput(state: EnvironmentFormState): TargetInput {
  const optional = (value: string) => (value.trim() === "" ? undefined : value);
  if (state.authKind === "kubeconfig") {
    return { authKind: "kubeconfig", kubeconfig: optional(state.kubeconfig), context: state.context, defaultNamespace: state.defaultNamespace.trim() };
  }
  const common = {
    serverUrl: state.serverUrl,
    caCertificate: state.caCertificate,
    insecureSkipTlsVerify: state.insecureSkipTlsVerify,
    defaultNamespace: state.defaultNamespace.trim(),
  };
  if (state.authKind === "token") return { authKind: "token", ...common, token: optional(state.token) };
  return { authKind: "clientCertificate", ...common, clientCertificate: optional(state.clientCertificate), clientKey: optional(state.clientKey) };
}
