// Tiny builders for test variations on top of the JSON fixtures: load a fixture, then change
// only the fields a test is about, so every variation stays close to what the API returns.
import { readFileSync } from "node:fs";
import type { KubeCondition, KubeObject } from "../kubeObject";

type Patch = { readonly [key: string]: unknown };

export function fixture(name: string): KubeObject {
  const url = new URL(`./${name}.json`, import.meta.url);
  return JSON.parse(readFileSync(url, "utf8")) as KubeObject;
}

/** Deep-merges `patch` into a copy of `object`; arrays and scalars replace, `undefined` deletes. */
export function patched<T extends KubeObject>(object: T, patch: Patch): T {
  return merge(object, patch) as T;
}

function merge(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return structuredClone(patch);
  const result: Record<string, unknown> = structuredClone(base);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete result[key];
    else result[key] = merge(result[key], value);
  }
  return result;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Replaces the condition of the same type (or adds it), like a controller does. */
export function withCondition<T extends KubeObject>(object: T, condition: KubeCondition): T {
  const others = ((object.status?.conditions as KubeCondition[] | undefined) ?? []).filter((c) => c.type !== condition.type);
  return patched(object, { status: { conditions: [...others, { lastTransitionTime: "2025-06-02T10:02:00Z", ...condition }] } });
}

export function withStatus<T extends KubeObject>(object: T, status: Patch): T {
  return patched(object, { status });
}

export function withSpec<T extends KubeObject>(object: T, spec: Patch): T {
  return patched(object, { spec });
}

/** A pod's single container status replaced, keeping the rest of the fixture. */
export function withContainerState<T extends KubeObject>(pod: T, state: Patch, extra: { restartCount?: number; ready?: boolean; lastState?: Patch } = {}): T {
  const [first] = (pod.status?.containerStatuses as Patch[] | undefined) ?? [];
  return withStatus(pod, { containerStatuses: [{ ...first, state, ...extra }] });
}
