// readBody, the reader of every JSON body: refuses an oversized body while it streams (without
// reading it to its end), bytes that are not UTF-8, and text PostgreSQL cannot store.
import { test } from "node:test";
import assert from "node:assert/strict";
import { z } from "zod";
import { readBody } from "../route.ts";
import { BadRequestError, FieldValidationError, PayloadTooLargeError } from "../../errors.ts";

const MIB = 1024 * 1024;

test("a chunked body over the limit is refused after the limit, not read to its end", async () => {
  let pulled = 0;
  const endless = new ReadableStream<Uint8Array>({
    pull(controller) {
      pulled += 1;
      controller.enqueue(new Uint8Array(MIB).fill(0x20));
      if (pulled === 50) controller.close(); // 50 MiB, if it were read to the end
    },
  });
  const request = new Request("http://127.0.0.1/api/x", { method: "POST", body: endless, duplex: "half" } as RequestInit);
  await assert.rejects(readBody(request, z.unknown(), 4 * MIB), PayloadTooLargeError);
  assert.ok(pulled <= 6, `read ${pulled} MiB of a body limited to 4 MiB`);
});

test("bytes that are not UTF-8 are a 400, not replacement characters", async () => {
  const body = new Uint8Array([...Buffer.from('{"a":"'), 0xff, 0xfe, ...Buffer.from('"}')]);
  await assert.rejects(readBody(new Request("http://127.0.0.1/", { method: "POST", body }), z.unknown()), (error: unknown) => {
    assert.ok(error instanceof BadRequestError);
    assert.match(error.message, /not valid UTF-8/);
    return true;
  });
});

test("a NUL character or a lone surrogate is a field error at its path; a real pair is fine", async () => {
  const read = (text: string) => readBody(new Request("http://127.0.0.1/", { method: "POST", body: text }), z.unknown());
  for (const [text, path] of [
    ['{"config":{"data":[{"value":"a\\u0000b"}]}}', "config.data.0.value"],
    ['{"name":"\\ud800"}', "name"],
    ['{"x":{"\\udc00":1}}', "x.\udc00"],
  ] as const) {
    await assert.rejects(read(text), (error: unknown) => {
      assert.ok(error instanceof FieldValidationError, text);
      assert.equal(error.issues[0]!.path, path);
      return true;
    });
  }
  assert.deepEqual(await read('{"emoji":"\\ud83d\\ude00"}'), { emoji: "😀" });
  // Deep nesting does not overflow the checker's stack.
  assert.ok(await read(`${"[".repeat(50_000)}${"]".repeat(50_000)}`));
});
