// Static check of sandbox/stages: kwok picks randomly among the stages that match an object,
// so any two stages for the same kind must have selectors that can never both match.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parse } from "yaml";
import { stageFiles } from "./lib/components";

interface Requirement {
  key: string;
  operator: "In" | "NotIn" | "Exists" | "DoesNotExist";
  values?: string[];
}
interface Stage {
  file: string;
  kind: string;
  requirements: Requirement[];
}

function loadStages(): Stage[] {
  return stageFiles().map((file) => {
    const doc = parse(readFileSync(file, "utf8")) as {
      kind: string;
      spec: { resourceRef: { kind: string }; selector?: { matchExpressions?: Requirement[] } };
    };
    assert.equal(doc.kind, "Stage", `${file} is a kwok Stage`);
    return { file: basename(file), kind: doc.spec.resourceRef.kind, requirements: doc.spec.selector?.matchExpressions ?? [] };
  });
}

/** True when no value can satisfy both requirements on the same key. */
function excludeEachOther(a: Requirement, b: Requirement): boolean {
  const pair = (x: Requirement, y: Requirement): boolean => {
    if (x.operator === "DoesNotExist") return y.operator === "Exists" || y.operator === "In";
    if (x.operator === "In" && y.operator === "In") return !x.values!.some((v) => y.values!.includes(v));
    if (x.operator === "In" && y.operator === "NotIn") return x.values!.every((v) => y.values!.includes(v));
    return false;
  };
  return a.key === b.key && (pair(a, b) || pair(b, a));
}

test("every stage file is a kwok Stage for a Node or a Pod", () => {
  const stages = loadStages();
  assert.ok(stages.length >= 10);
  for (const stage of stages) assert.ok(["Node", "Pod"].includes(stage.kind), stage.file);
});

test("no two stages for the same kind can match the same object", () => {
  const stages = loadStages();
  for (const [i, a] of stages.entries()) {
    for (const b of stages.slice(i + 1)) {
      if (a.kind !== b.kind) continue;
      const exclusive = a.requirements.some((ra) => b.requirements.some((rb) => excludeEachOther(ra, rb)));
      assert.ok(exclusive, `${a.file} and ${b.file} can both match one ${a.kind}; kwok would pick one at random`);
    }
  }
});
