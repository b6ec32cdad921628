// What is wrong with a CA certificate, in words that say which problem it is. A CA that cannot be
// read must be refused where it is entered: Node's TLS silently ignores a `ca` it cannot parse,
// so a malformed CA used to behave exactly like a missing one ("self-signed certificate").
import { X509Certificate } from "node:crypto";

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * PEM text: one or more CERTIFICATE blocks and nothing else. Returns undefined when every block
 * is an X.509 certificate, else one sentence naming `what` and the problem.
 */
export function pemCertificateProblem(pem: string, what: string): string | undefined {
  const text = pem.trim();
  if (!text.includes("-----BEGIN")) {
    return `${what} is not PEM: paste it with its -----BEGIN CERTIFICATE----- and -----END CERTIFICATE----- lines`;
  }
  const blocks = [...text.matchAll(BLOCK)];
  const begins = (text.match(/-----BEGIN [A-Z0-9 ]+-----/g) ?? []).length;
  if (blocks.length < begins) return `${what} is cut off: a -----BEGIN----- line has no matching -----END----- line`;
  const outside = text.replace(BLOCK, "").trim();
  if (outside) return `${what} has text outside its -----BEGIN/END CERTIFICATE----- blocks ("${outside.slice(0, 20)}${outside.length > 20 ? "…" : ""}")`;
  for (const [index, block] of blocks.entries()) {
    const which = blocks.length > 1 ? ` (block ${index + 1} of ${blocks.length})` : "";
    if (block[1] !== "CERTIFICATE") return `${what}${which} is a ${block[1]} block, not a CERTIFICATE`;
    const body = block[2]!.replace(/\s+/g, "");
    if (!BASE64.test(body) || body.length % 4 !== 0) return `${what}${which} is damaged: the text between its BEGIN and END lines is not base64`;
    try {
      new X509Certificate(block[0]);
    } catch {
      return `${what}${which} is not a valid X.509 certificate`;
    }
  }
  return undefined;
}

/** A kubeconfig's certificate-authority-data: the base64 encoding of PEM certificates. */
export function caDataProblem(data: string, what: string): string | undefined {
  const compact = data.replace(/\s+/g, "");
  if (!BASE64.test(compact) || compact.length % 4 !== 0) {
    return `${what} is not base64: certificate-authority-data holds the base64-encoded PEM certificate, as \`kubectl config view --raw\` shows it`;
  }
  const decoded = Buffer.from(compact, "base64").toString("utf8");
  if (!decoded.includes("-----BEGIN")) return `${what} is base64, but what it encodes is not a PEM certificate`;
  return pemCertificateProblem(decoded, what);
}
