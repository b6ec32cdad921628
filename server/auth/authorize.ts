// The one authorization check every API route and socket join calls. There are no users yet
// (a later issue adds users, sessions and roles); until then every request is the single local
// operator and is allowed. Keeping the call everywhere now means adding roles changes this file,
// not every route.
export type Action = "read" | "configure" | "deploy" | "audit";
export type Principal = { id: string; name: string; roles: string[] };

const LOCAL_OPERATOR: Principal = { id: "local", name: "Local operator", roles: ["admin"] };

export class ForbiddenError extends Error {}

export async function authorize(_request: Request | { headers: Headers | Record<string, unknown> }, _action: Action): Promise<Principal> {
  return LOCAL_OPERATOR;
}
