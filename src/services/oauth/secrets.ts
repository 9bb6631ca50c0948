// Random credentials and their checks: client secrets, tokens, codes and
// session ids are 32 random bytes; PKCE verifiers are checked as RFC 7636 says.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { hashSecret } from "../../../db/queries/oauth-tokens.ts";

/** A new random credential: 32 bytes, base64url (43 characters). */
export function newSecret(): string {
  return randomBytes(32).toString("base64url");
}

/** Whether a presented secret matches a stored hash, in constant time. */
export function matchesHash(secret: string, storedHash: string): boolean {
  const a = Buffer.from(hashSecret(secret));
  const b = Buffer.from(storedHash);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Whether two strings are equal, in constant time (CSRF tokens). */
export function sameString(a: string, b: string): boolean {
  const x = createHash("sha256").update(a).digest();
  const y = createHash("sha256").update(b).digest();
  return timingSafeEqual(x, y);
}

export type PkceMethod = "S256" | "plain";

// RFC 7636 4.1: 43 to 128 unreserved characters (the challenge of "plain" is the verifier).
const VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

/** Whether a code_challenge (or code_verifier) has the shape RFC 7636 allows. */
export function isPkceString(value: string): boolean {
  return VERIFIER.test(value);
}

/** Whether a code_verifier answers the challenge of the authorization request (RFC 7636 4.6). */
export function verifierMatches(verifier: string, challenge: string, method: PkceMethod): boolean {
  if (!isPkceString(verifier)) return false;
  const derived = method === "S256" ? createHash("sha256").update(verifier).digest("base64url") : verifier;
  return sameString(derived, challenge);
}
