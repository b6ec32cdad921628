// Secret values in YAML steps: sealed at save (text keeps its comments and layout, "<redacted>" in
// place of each value), kept when "<redacted>" comes back, refused when nothing is stored, and
// redacted on every read of a step stored before sealing.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { describe, test } from "node:test";
import { createSealer } from "../../security/credentials.ts";
import { FieldValidationError } from "../../errors.ts";
import { stepInput, yamlStepConfig, type SealedYamlValue, type YamlStepConfig } from "../../contracts/steps/index.ts";
import { redactYamlText, sealLegacyYamlConfig, storableYamlConfig, viewableYamlConfig, WITHHELD_YAML } from "../yaml-secret-values.ts";
import { findSecretValueSlots } from "../yaml-secret-slots.ts";

const sealer = createSealer(randomBytes(32));
const config = (yaml: string, extra: Partial<YamlStepConfig> = {}): YamlStepConfig => yamlStepConfig.parse({ source: "inline", yaml, ...extra });
const sealedOf = (stored: Record<string, unknown>) => stored.sealedValues as SealedYamlValue[];
const clearValues = (stored: Record<string, unknown>) =>
  Object.fromEntries(sealedOf(stored).map((entry) => [`${entry.name}/${entry.section}/${entry.key}`, sealer.unseal(entry.sealedValue)]));
const issuesOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    if (error instanceof FieldValidationError) return error.issues;
    throw error;
  }
  assert.fail("expected field errors");
};

const SECRET = `# the database credentials
apiVersion: v1
kind: Secret
metadata:
  name: db # the app reads this one
  namespace: shop
type: Opaque
stringData:
  user: admin-7f3a
  password: "p@ss: with #hash"
  note: 'it''s single'
  pem: |
    -----BEGIN KEY-----
    abc123
  port: 5432
  empty:
data: { token: c2VjcmV0LXRva2Vu }
---
apiVersion: v1
kind: ConfigMap
metadata: { name: settings }
data:
  mode: fast # not a secret
`;

describe("sealing at save", () => {
  test("every value is sealed; the text keeps comments, layout and non-Secret documents, with <redacted> in place", () => {
    const stored = storableYamlConfig(config(SECRET), undefined, sealer);
    const text = stored.yaml as string;
    for (const clear of ["admin-7f3a", "p@ss: with #hash", "it's single", "abc123", "5432", "c2VjcmV0LXRva2Vu"])
      assert.ok(!JSON.stringify(stored).includes(clear), clear);
    assert.equal(
      text,
      SECRET.replace("admin-7f3a", "<redacted>")
        .replace('"p@ss: with #hash"', "<redacted>")
        .replace("'it''s single'", "<redacted>")
        .replace("|\n    -----BEGIN KEY-----\n    abc123\n", "<redacted>\n")
        .replace("port: 5432", "port: <redacted>")
        .replace("c2VjcmV0LXRva2Vu", "<redacted>"),
    );
    assert.deepEqual(clearValues(stored), {
      "db/stringData/user": "admin-7f3a",
      "db/stringData/password": "p@ss: with #hash",
      "db/stringData/note": "it's single",
      "db/stringData/pem": "-----BEGIN KEY-----\nabc123\n",
      "db/stringData/port": "5432",
      "db/data/token": "c2VjcmV0LXRva2Vu",
    });
    assert.deepEqual(
      sealedOf(stored).map((entry) => [entry.file, entry.document, entry.item, entry.namespace]),
      Array.from({ length: 6 }, () => [null, 0, null, "shop"]),
    );
    assert.match(text, /mode: fast # not a secret/);
    assert.match(text, /empty:\n/, "an empty value holds nothing to seal");
  });

  test("a text without Secrets is stored exactly as written", () => {
    const yaml = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\ndata:\n  password: not-a-secret-kind\n";
    const stored = storableYamlConfig(config(yaml), undefined, sealer);
    assert.equal(stored.yaml, yaml);
    assert.deepEqual(stored.sealedValues, []);
  });

  test("Secrets in List items, uploaded files, CRLF line ends and kubectl's last-applied annotation", () => {
    const list = `apiVersion: v1\r\nkind: List\r\nitems:\r\n  - apiVersion: v1\r\n    kind: ConfigMap\r\n    metadata: { name: c }\r\n  - apiVersion: v1\r\n    kind: Secret\r\n    metadata:\r\n      name: s\r\n      annotations:\r\n        kubectl.kubernetes.io/last-applied-configuration: '{"stringData":{"k":"list-value"}}'\r\n    stringData:\r\n      k: |\r\n        list-value\r\n      other: x\r\n`;
    const stored = storableYamlConfig(
      config("", { source: "files", files: [{ path: "k8s/list.yaml", content: list }] } as Partial<YamlStepConfig>),
      undefined,
      sealer,
    );
    const content = (stored.files as { content: string }[])[0]!.content;
    assert.ok(!content.includes("list-value"));
    assert.match(content, /last-applied-configuration: <redacted>\r\n/);
    assert.match(content, /k: <redacted>\r\n {6}other: <redacted>\r\n$/);
    assert.deepEqual(
      sealedOf(stored).map((entry) => [entry.file, entry.document, entry.item, entry.section, entry.key]),
      [
        ["k8s/list.yaml", 0, 1, "annotations", "kubectl.kubernetes.io/last-applied-configuration"],
        ["k8s/list.yaml", 0, 1, "stringData", "k"],
        ["k8s/list.yaml", 0, 1, "stringData", "other"],
      ],
    );
    assert.equal(clearValues(stored)["s/stringData/k"], "list-value\n");
  });

  test("a Secret of another API group is not a core Secret", () => {
    const yaml = "apiVersion: example.com/v1\nkind: Secret\nmetadata: { name: x }\nstringData: { a: b }\n";
    assert.deepEqual(storableYamlConfig(config(yaml), undefined, sealer).sealedValues, []);
  });

  test("values written through anchors, aliases or merge keys are refused with a field error, not stored in clear", () => {
    const cases = [
      "apiVersion: v1\nkind: Secret\nmetadata: { name: a }\nstringData:\n  one: &pw hunter2\n  two: *pw\n",
      "apiVersion: v1\nkind: Secret\nmetadata: { name: a }\nstringData:\n  <<: { one: hunter2 }\n",
      // (The same Secret twice, `- *s`, is refused by the schema already: one object defined twice.)
      "apiVersion: v1\nkind: List\nitems:\n  - { apiVersion: v1, kind: Secret, metadata: { name: a }, stringData: &d { one: hunter2 } }\n  - { apiVersion: v1, kind: Secret, metadata: { name: b }, stringData: *d }\n",
      "apiVersion: v1\nkind: Secret\nmetadata: { name: a }\nstringData:\n  one: [hunter2]\n",
      "apiVersion: v1\nkind: Secret\nmetadata: { name: a }\ndata: hunter2\n",
    ];
    for (const yaml of cases) {
      const issues = issuesOf(() => storableYamlConfig(config(yaml), undefined, sealer));
      assert.ok(issues.length > 0 && issues.every((issue) => issue.path === "config.yaml" && /^Document 1: /.test(issue.message)), yaml);
    }
  });

  test("an alias bomb is a field error, not a crash", () => {
    const bomb = `apiVersion: v1\nkind: Secret\nmetadata: { name: b }\nx0: &a0 [y, y, y, y, y, y, y, y, y, y]\n${Array.from({ length: 8 }, (_, i) => `x${i + 1}: &a${i + 1} [${Array(10).fill(`*a${i}`).join(", ")}]`).join("\n")}\nstringData: { k: v }\n`;
    const started = Date.now();
    const checked = yamlStepConfig.safeParse({ source: "inline", yaml: bomb });
    assert.match(checked.error!.issues[0]!.message, /Document 1: YAML error: .*alias/i, "the schema refuses it");
    const unchecked = { source: "inline", yaml: bomb, files: [], namespace: undefined } as unknown as YamlStepConfig;
    const issues = issuesOf(() => storableYamlConfig(unchecked, undefined, sealer));
    assert.match(issues[0]!.message, /Document 1: YAML error: .*alias/i);
    assert.ok(Date.now() - started < 2_000);
  });

  test("a text that is not the selected source is sealed too, and its YAML errors are field errors", () => {
    const files = [{ path: "a.yaml", content: "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n" }];
    const stored = storableYamlConfig(config(SECRET, { source: "files", files }), undefined, sealer);
    assert.ok(!(stored.yaml as string).includes("admin-7f3a"));
    const issues = issuesOf(() => storableYamlConfig(config("a: [unclosed", { source: "files", files }), undefined, sealer));
    assert.equal(issues[0]!.path, "config.yaml");
    assert.match(issues[0]!.message, /^Document 1: YAML error/);
  });
});

describe("saving again: <redacted> works like an untouched password field", () => {
  const first = storableYamlConfig(config(SECRET), undefined, sealer);
  const shown = viewableYamlConfig(first);

  test("unchanged <redacted> keeps the sealed value; a changed value is sealed anew; a removed key is dropped", () => {
    const edited = (shown.yaml as string).replace("user: <redacted>", "user: new-admin").replace(/ {2}note: <redacted>\n/, "");
    const again = storableYamlConfig(config(edited), first, sealer);
    const before = new Map(sealedOf(first).map((entry) => [entry.key, entry.sealedValue]));
    const after = new Map(sealedOf(again).map((entry) => [entry.key, entry.sealedValue]));
    assert.equal(after.get("password"), before.get("password"), "the very same sealed value");
    assert.equal(after.get("token"), before.get("token"));
    assert.notEqual(after.get("user"), before.get("user"));
    assert.equal(sealer.unseal(after.get("user")!), "new-admin");
    assert.equal(after.has("note"), false);
    assert.equal(again.yaml, (shown.yaml as string).replace(/ {2}note: <redacted>\n/, ""));
  });

  test("documents may move: values follow their Secret, section and key", () => {
    const [secret, configMap] = (shown.yaml as string).split("---\n");
    const again = storableYamlConfig(config(`${configMap}---\n${secret}`), first, sealer);
    assert.deepEqual(clearValues(again), clearValues(first));
    assert.ok(sealedOf(again).every((entry) => entry.document === 1));
  });

  test("a renamed Secret or key with <redacted> and no stored value is a field error naming each value", () => {
    const renamed = (shown.yaml as string).replace("name: db ", "name: database ").replace("user:", "username:");
    const issues = issuesOf(() => storableYamlConfig(config(renamed), first, sealer));
    assert.equal(issues.length, 6);
    assert.ok(issues.every((issue) => issue.path === "config.yaml"));
    assert.equal(issues[0]!.message, "The value of key username in Secret database was redacted and has no stored value; type it again");
    const inAnotherStep = issuesOf(() => storableYamlConfig(config(shown.yaml as string), undefined, sealer));
    assert.equal(inAnotherStep.length, 6, "a new step has no stored values");
  });

  test("a Secret that gains a namespace keeps its values while its name is unambiguous", () => {
    const withoutNamespace = storableYamlConfig(config(SECRET.replace("  namespace: shop\n", "")), undefined, sealer);
    const moved = storableYamlConfig(
      config((viewableYamlConfig(withoutNamespace).yaml as string).replace("name: db ", "name: db\n  namespace: other ")),
      withoutNamespace,
      sealer,
    );
    assert.ok(sealedOf(moved).every((entry) => entry.namespace === "other"));
    assert.deepEqual(clearValues(moved), clearValues(withoutNamespace));
  });

  test("a value typed as exactly <redacted> in quotes still means: keep", () => {
    const quoted = (shown.yaml as string).replace("user: <redacted>", 'user: "<redacted>"');
    assert.deepEqual(clearValues(storableYamlConfig(config(quoted), first, sealer)), clearValues(first));
  });
});

describe("reading", () => {
  test("the view drops the sealed values and shows the stored text", () => {
    const stored = storableYamlConfig(config(SECRET), undefined, sealer);
    const view = viewableYamlConfig(stored);
    assert.equal("sealedValues" in view, false);
    assert.equal(view.yaml, stored.yaml);
  });

  test("a step stored before sealing (clear values in the row) is redacted on every read and sealed at its next save", () => {
    const legacy = { source: "inline", yaml: SECRET, files: [{ path: "x.yaml", content: SECRET }], namespace: "" };
    const view = viewableYamlConfig(legacy);
    for (const text of [view.yaml as string, (view.files as { content: string }[])[0]!.content]) {
      assert.ok(!text.includes("admin-7f3a") && !text.includes("c2VjcmV0LXRva2Vu"));
      assert.equal(findSecretValueSlots(text).slots.length, 6);
      assert.match(text, /# the database credentials/);
    }
    const saved = storableYamlConfig(config(view.yaml as string), legacy, sealer);
    assert.equal(clearValues(saved)["db/stringData/user"], "admin-7f3a", "the clear value it held is now sealed");
  });

  test("a one-off pass can seal a step stored before sealing, and leaves alone what it cannot seal", () => {
    const legacy = { source: "inline", yaml: SECRET, files: [], namespace: "" };
    const sealed = sealLegacyYamlConfig(legacy, sealer)!;
    assert.equal(clearValues(sealed)["db/stringData/password"], "p@ss: with #hash");
    assert.ok(!JSON.stringify(sealed).includes("admin-7f3a"));
    assert.equal(sealLegacyYamlConfig(sealed, sealer), undefined, "already sealed");
    assert.equal(sealLegacyYamlConfig({ yaml: "kind: Secret\napiVersion: v1\nstringData: { a: &x b, c: *x }\n" }, sealer), undefined);
  });

  test("a client cannot send sealed values of its own (they would be ciphertext from elsewhere)", () => {
    const parsed = stepInput.parse({
      type: "kubernetes-yaml",
      name: "x",
      config: { yaml: SECRET, sealedValues: [{ key: "password", sealedValue: "v1.x.y" }] },
    });
    assert.equal("sealedValues" in parsed.config, false);
  });

  test("a stored text that cannot be read is withheld rather than shown", () => {
    assert.equal(redactYamlText("apiVersion: v1\nkind: Secret\nstringData: [unclosed"), WITHHELD_YAML);
    assert.equal(viewableYamlConfig({ source: "files", yaml: "kind: Secret\nx: &a\n  - *b", files: [] }).yaml, WITHHELD_YAML);
  });
});
