// What a stored kubeconfig may make the server do. A kubeconfig is code as much as data: an
// `exec` plugin runs a command, an `auth-provider` can run one (gcp's cmd-path) or read files,
// and `client-certificate: /etc/...`, `certificate-authority`, `token-file` read files on the
// server (client-node reads token-file while it loads). So the kubeconfig is parsed here, never
// by client-node: the selected context's cluster and user are checked against the policy and
// mapped field by field into client-node's option objects. Nothing that was not checked reaches
// client-node, and no file-path field can, because none is ever mapped.
//
// Refused always: auth-provider, every file reference. Refused unless an administrator listed
// the exact command string (Settings): exec plugins.
import { parse } from "yaml";
import type { Cluster, Context, User } from "@kubernetes/client-node";

export type KubeconfigPolicy = { allowedExecCommands: readonly string[] };

/** Nothing allowed: the policy of a connection whose settings were not read. */
export const STRICT_KUBECONFIG_POLICY: KubeconfigPolicy = { allowedExecCommands: [] };

export type PolicyViolation = { path: string; message: string };

/** The kubeconfig asks for something the policy refuses; the message says what and why. */
export class KubeconfigPolicyError extends Error {
  override name = "KubeconfigPolicyError";
  constructor(readonly violations: PolicyViolation[]) {
    super(violations.map((violation) => violation.message).join(" "));
  }
}

/** The kubeconfig is not one (YAML errors, a context that names no cluster). */
export class KubeconfigFormatError extends Error {
  override name = "KubeconfigFormatError";
}

export type CheckedKubeconfig = { cluster: Cluster; user: User; context: Context };

type Entry = { name?: unknown; [section: string]: unknown };
type Fields = Record<string, unknown>;

const isRecord = (value: unknown): value is Fields => typeof value === "object" && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);

// Fields that name a file on the server, and the inline field to paste instead.
const FILE_FIELDS: Record<string, string | undefined> = {
  "certificate-authority": "certificate-authority-data",
  "client-certificate": "client-certificate-data",
  "client-key": "client-key-data",
  "token-file": "token",
  tokenFile: "token",
};
const looksLikeFileField = (key: string) => key in FILE_FIELDS || /(^|[-_])(file|path)$|[a-z](File|Path)$/.test(key);

/**
 * Parses `kubeconfigText`, selects `contextName` (or the current context) and returns its
 * context, cluster and user as client-node objects. Throws KubeconfigPolicyError when the policy
 * refuses them, KubeconfigFormatError when the text is not a usable kubeconfig.
 */
export function checkKubeconfig(kubeconfigText: string, contextName: string | null, policy: KubeconfigPolicy): CheckedKubeconfig {
  let document: unknown;
  try {
    // merge: anchors and `<<` keys are resolved here, so the check sees what a YAML 1.1 reader would.
    document = parse(kubeconfigText, { merge: true, maxAliasCount: 100 });
  } catch (error) {
    throw new KubeconfigFormatError(`Not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (!isRecord(document)) throw new KubeconfigFormatError("Not a kubeconfig: it has no contexts");
  const name = contextName ?? text(document["current-context"]);
  if (!name) throw new KubeconfigFormatError("The kubeconfig names no current context; pick one");
  const contextEntry = find(document, "contexts", name);
  if (!contextEntry) throw new KubeconfigFormatError(`The kubeconfig has no context "${name}"`);
  const contextFields = isRecord(contextEntry.entry.context) ? contextEntry.entry.context : {};
  const clusterName = text(contextFields.cluster);
  const clusterEntry = clusterName ? find(document, "clusters", clusterName) : undefined;
  if (!clusterEntry) throw new KubeconfigFormatError(`Context "${name}" names cluster "${clusterName ?? ""}", which the kubeconfig does not define`);
  const userName = text(contextFields.user);
  const userEntry = userName ? find(document, "users", userName) : undefined;
  if (userName && !userEntry) throw new KubeconfigFormatError(`Context "${name}" names user "${userName}", which the kubeconfig does not define`);

  const clusterFields = isRecord(clusterEntry.entry.cluster) ? clusterEntry.entry.cluster : {};
  const userFields = userEntry && isRecord(userEntry.entry.user) ? userEntry.entry.user : {};
  const violations = [
    ...fileViolations(clusterFields, `clusters[${clusterEntry.index}].cluster`),
    ...userViolations(userFields, `users[${userEntry?.index ?? 0}].user`, policy),
  ];
  if (violations.length > 0) throw new KubeconfigPolicyError(violations);

  const server = text(clusterFields.server);
  if (!server) throw new KubeconfigFormatError(`Cluster "${clusterName}" has no server URL`);
  return {
    context: { name, cluster: clusterName!, user: userName ?? "", namespace: text(contextFields.namespace) },
    cluster: {
      name: clusterName!,
      server: server.replace(/\/$/, ""),
      caData: text(clusterFields["certificate-authority-data"]),
      skipTLSVerify: clusterFields["insecure-skip-tls-verify"] === true,
      tlsServerName: text(clusterFields["tls-server-name"]),
      proxyUrl: text(clusterFields["proxy-url"]),
    },
    user: {
      name: userName ?? "",
      certData: text(userFields["client-certificate-data"]),
      keyData: text(userFields["client-key-data"]),
      token: text(userFields.token),
      username: text(userFields.username),
      password: text(userFields.password),
      impersonateUser: text(userFields.as),
      exec: isRecord(userFields.exec) ? execOptions(userFields.exec) : undefined,
    },
  };
}

function find(document: Fields, section: "contexts" | "clusters" | "users", name: string): { entry: Entry; index: number } | undefined {
  const list = Array.isArray(document[section]) ? (document[section] as unknown[]) : [];
  // The first entry of a name wins, as in client-node and kubectl.
  const index = list.findIndex((entry) => isRecord(entry) && entry.name === name);
  return index === -1 ? undefined : { entry: list[index] as Entry, index };
}

function userViolations(user: Fields, path: string, policy: KubeconfigPolicy): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  if (user["auth-provider"] !== undefined) {
    const provider = isRecord(user["auth-provider"]) ? text(user["auth-provider"].name) : undefined;
    violations.push({
      path: `${path}.auth-provider`,
      message: `This kubeconfig uses the auth-provider${provider ? ` "${provider}"` : ""} (${path}.auth-provider): auth-provider plugins are not allowed, because they can run commands and read files on the server. Use a token, a client certificate or an exec plugin an administrator allowed.`,
    });
  }
  if (user.exec !== undefined) {
    const command = isRecord(user.exec) ? user.exec.command : undefined;
    if (typeof command !== "string" || command === "") {
      violations.push({ path: `${path}.exec`, message: `This kubeconfig has an exec plugin without a command (${path}.exec).` });
    } else if (!policy.allowedExecCommands.includes(command)) {
      violations.push({
        path: `${path}.exec`,
        message: `This kubeconfig runs the command "${command}" (${path}.exec): exec plugins are not allowed. An administrator can allow this command under Settings.`,
      });
    }
  }
  const { exec: _exec, "auth-provider": _provider, ...rest } = user;
  return [...violations, ...fileViolations(rest, path)];
}

/** Every field, at any depth, that names a file on the server. */
function fileViolations(fields: Fields, path: string): PolicyViolation[] {
  const violations: PolicyViolation[] = [];
  for (const [key, value] of Object.entries(fields)) {
    const fieldPath = `${path}.${key}`;
    if (looksLikeFileField(key) && value !== undefined && value !== null && value !== "") {
      const instead = FILE_FIELDS[key];
      violations.push({
        path: fieldPath,
        message: `This kubeconfig reads the file ${JSON.stringify(String(value))} on the server (${fieldPath}): file references are not allowed.${instead ? ` Paste the contents into ${instead} instead.` : ""}`,
      });
    } else if (isRecord(value)) violations.push(...fileViolations(value, fieldPath));
  }
  return violations;
}

/** The exec plugin fields client-node reads (command, args, env), nothing else. */
function execOptions(exec: Fields) {
  const args = Array.isArray(exec.args) ? exec.args.map(String) : undefined;
  const env = Array.isArray(exec.env)
    ? exec.env.filter(isRecord).map((variable) => ({ name: String(variable.name ?? ""), value: String(variable.value ?? "") }))
    : undefined;
  return { apiVersion: text(exec.apiVersion), command: exec.command as string, ...(args ? { args } : {}), ...(env ? { env } : {}) };
}
