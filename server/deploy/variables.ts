// Substitution variables: `#{Kdeploy.Release.Version}` and friends, replaced in manifests, Kustomize
// files and Helm values before they are parsed (so a value can become part of an image tag, a
// label or a whole scalar). Decisions:
// - Names match case-insensitively (`#{kdeploy.release.version}` works): a release manager typing a
//   name by hand should not get a silent no-op for a capital letter.
// - An unknown token is left exactly as written and reported, so the task log can warn about it
//   instead of the deploy failing on a typo in a comment.
// - `##{Name}` is an escape: it renders as the literal text `#{Name}` (for manifests that carry
//   this syntax for another tool).

/** The names kdeploy provides for every deployment (the executor fills in the values). */
export const DEPLOYMENT_VARIABLE_NAMES = ["Kdeploy.Release.Version", "Kdeploy.Project.Name", "Kdeploy.Environment.Name", "Kdeploy.Deployment.Id"] as const;

export type SubstitutionResult = {
  text: string;
  /** Token names that matched no variable, each once, in order of first appearance. */
  unknown: string[];
};

const TOKEN = /(#?)#\{([A-Za-z_][A-Za-z0-9_.-]*)\}/g;

export function substituteVariables(text: string, variables: Record<string, string>): SubstitutionResult {
  const byLowerName = new Map(Object.entries(variables).map(([name, value]) => [name.toLowerCase(), value]));
  const unknown: string[] = [];
  const replaced = text.replace(TOKEN, (token: string, escape: string, name: string) => {
    if (escape) return token.slice(1);
    const value = byLowerName.get(name.toLowerCase());
    if (value !== undefined) return value;
    if (!unknown.includes(name)) unknown.push(name);
    return token;
  });
  return { text: replaced, unknown };
}

/**
 * Substitutes in every string of a JSON-like value (form-based step configurations), except under
 * the keys listed in `skipKeys` (sealed secret values must never be touched or inspected).
 */
export function substituteInStrings<T>(value: T, variables: Record<string, string>, skipKeys: readonly string[] = []): { value: T; unknown: string[] } {
  const unknown: string[] = [];
  const walk = (node: unknown): unknown => {
    if (typeof node === "string") {
      const result = substituteVariables(node, variables);
      for (const name of result.unknown) if (!unknown.includes(name)) unknown.push(name);
      return result.text;
    }
    if (Array.isArray(node)) return node.map(walk);
    if (node !== null && typeof node === "object") {
      return Object.fromEntries(Object.entries(node).map(([key, child]) => [key, skipKeys.includes(key) ? child : walk(child)]));
    }
    return node;
  };
  return { value: walk(value) as T, unknown };
}

/** The task-log line for unknown tokens, or nothing when every token was known. */
export function describeUnknownVariables(unknown: string[], where: string): string[] {
  if (unknown.length === 0) return [];
  const names = unknown.map((name) => `#{${name}}`).join(", ");
  return [`Warning: unknown variable${unknown.length > 1 ? "s" : ""} ${names} in ${where} left as written`];
}
