// Size limits on user input. Enforced by the schemas (and by the request-body reader before
// parsing, so an oversized body is refused without being parsed).
export const MAX_YAML_BYTES = 1024 * 1024; // one manifest or values document
export const MAX_KUBECONFIG_BYTES = 256 * 1024;
export const MAX_STEP_FILES_BYTES = 4 * 1024 * 1024; // all files of a YAML or Kustomize step together
export const MAX_CHART_ARCHIVE_BYTES = 8 * 1024 * 1024; // an uploaded chart .tgz (base64-decoded)
export const MAX_REQUEST_BYTES = 16 * 1024 * 1024;

export const byteLength = (text: string) => new TextEncoder().encode(text).length;
export const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(bytes % (1024 * 1024) ? 1 : 0)} MiB` : `${Math.ceil(bytes / 1024)} KiB`;
