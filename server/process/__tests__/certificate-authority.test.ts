// A CA that cannot be read is refused with the problem it has (issue 11: a malformed CA was
// accepted, and then failed like a missing one, because Node's TLS ignores a `ca` it cannot parse).
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { caDataProblem, pemCertificateProblem } from "../certificate-authority.ts";

const certificate = () =>
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:prime256v1",
      "-nodes",
      "-subj",
      "/CN=ca",
      "-days",
      "1",
      "-keyout",
      "/dev/null",
      "-out",
      "-",
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] },
  ).trim();

const ca = certificate();
const other = certificate();
const b64 = (text: string) => Buffer.from(text).toString("base64");
const What = "The CA certificate";

const pemRows: readonly [name: string, pem: string, expected: RegExp | undefined][] = [
  ["one certificate", ca, undefined],
  ["a bundle of two, with blank lines", `${ca}\n\n${other}\n`, undefined],
  ["plain text", "hello", /^The CA certificate is not PEM: paste it with its -----BEGIN CERTIFICATE-----/],
  ["the base64 of a PEM (certificate-authority-data pasted here)", b64(ca), /is not PEM/],
  ["cut off before END", ca.slice(0, ca.indexOf("-----END")), /is cut off: a -----BEGIN----- line has no matching -----END----- line/],
  ["text after the block", `${ca}\ntrailing`, /has text outside its -----BEGIN\/END CERTIFICATE----- blocks \("trailing"\)/],
  ["a private key", "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PRIVATE KEY-----", /is a PRIVATE KEY block, not a CERTIFICATE/],
  [
    "non-base64 between the markers",
    "-----BEGIN CERTIFICATE-----\nnot*base64!\n-----END CERTIFICATE-----",
    /is damaged: the text between its BEGIN and END lines is not base64/,
  ],
  [
    "base64 that is not a certificate",
    `-----BEGIN CERTIFICATE-----\n${b64("just some bytes!")}\n-----END CERTIFICATE-----`,
    /is not a valid X\.509 certificate$/,
  ],
  ["a bad second block names it", `${ca}\n-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----`, /\(block 2 of 2\) is not a valid X\.509 certificate/],
];

for (const [name, pem, expected] of pemRows) {
  test(`PEM: ${name}`, () => {
    const problem = pemCertificateProblem(pem, What);
    if (expected) assert.match(problem ?? "(accepted)", expected);
    else assert.equal(problem, undefined);
  });
}

const dataRows: readonly [name: string, data: string, expected: RegExp | undefined][] = [
  ["base64 of a PEM certificate", b64(ca), undefined],
  ["base64 with line breaks", b64(ca).replace(/(.{64})/g, "$1\n"), undefined],
  ["not base64", "not base64 at all!!", /is not base64: certificate-authority-data holds the base64-encoded PEM certificate/],
  ["the PEM itself (not encoded)", ca, /is not base64/],
  ["base64 of something else", b64("hello world!"), /is base64, but what it encodes is not a PEM certificate/],
  ["base64 of a damaged PEM", b64(`-----BEGIN CERTIFICATE-----\n${b64("xyz")}\n-----END CERTIFICATE-----`), /is not a valid X\.509 certificate/],
];

for (const [name, data, expected] of dataRows) {
  test(`certificate-authority-data: ${name}`, () => {
    const problem = caDataProblem(data, What);
    if (expected) assert.match(problem ?? "(accepted)", expected);
    else assert.equal(problem, undefined);
  });
}
