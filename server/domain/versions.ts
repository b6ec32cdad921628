// Semantic version ordering and the default version of the next release.
const CORE = /^(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/;

type Parsed = { major: number; minor: number; patch: number; pre: string[] };

function parse(version: string): Parsed | undefined {
  const match = CORE.exec(version);
  if (!match) return undefined;
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), pre: match[4] ? match[4].split(".") : [] };
}

/** Semver precedence (build metadata ignored); unparseable versions sort first. */
export function compareVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return (x ? 1 : 0) - (y ? 1 : 0);
  for (const key of ["major", "minor", "patch"] as const) if (x[key] !== y[key]) return x[key] - y[key];
  if (!x.pre.length || !y.pre.length) return (x.pre.length ? -1 : 0) - (y.pre.length ? -1 : 0);
  for (let i = 0; i < Math.max(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === undefined || q === undefined) return p === undefined ? -1 : 1;
    if (p === q) continue;
    const pn = /^\d+$/.test(p);
    const qn = /^\d+$/.test(q);
    if (pn && qn) return Number(p) - Number(q);
    if (pn !== qn) return pn ? -1 : 1;
    return p < q ? -1 : 1;
  }
  return 0;
}

/** The next patch version after the highest existing one: 1.4.2 → 1.4.3, 2.0.0-rc.1 → 2.0.0. */
export function nextPatchVersion(existing: string[]): string {
  const highest = existing
    .filter((v) => parse(v))
    .sort(compareVersions)
    .at(-1);
  if (!highest) return "0.0.1";
  const version = parse(highest)!;
  if (version.pre.length) return `${version.major}.${version.minor}.${version.patch}`;
  return `${version.major}.${version.minor}.${version.patch + 1}`;
}
