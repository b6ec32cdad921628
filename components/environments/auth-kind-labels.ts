import type { TargetView } from "@/server/contracts/environments.ts";

export type AuthKind = TargetView["authKind"];

export const AUTH_KIND_LABELS: Record<AuthKind, string> = {
  token: "Token",
  clientCertificate: "Client certificate",
  kubeconfig: "Kubeconfig",
};

export const AUTH_KINDS = Object.keys(AUTH_KIND_LABELS) as AuthKind[];
