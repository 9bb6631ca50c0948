// Key pairs of local actors: RSA-2048 for HTTP Signatures (Mastodon interop;
// Fedify's default 4096-bit keys sign five times slower) and Ed25519 for Object
// Integrity Proofs (FEP-8b32). Stored as JWK.

export const RSA_ALGORITHM = "RSASSA-PKCS1-v1_5";
export const ED25519_ALGORITHM = "Ed25519";

export interface JwkPair {
  algorithm: string;
  privateJwk: JsonWebKey;
  publicJwk: JsonWebKey;
}

/** Generates the two key pairs every local actor has. */
export async function generateActorKeyPairs(): Promise<JwkPair[]> {
  const rsa = (await crypto.subtle.generateKey(
    { name: RSA_ALGORITHM, modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  )) as CryptoKeyPair;
  const ed = (await crypto.subtle.generateKey(ED25519_ALGORITHM, true, ["sign", "verify"])) as CryptoKeyPair;
  return Promise.all(
    [[RSA_ALGORITHM, rsa], [ED25519_ALGORITHM, ed]].map(async ([algorithm, pair]) => ({
      algorithm: algorithm as string,
      privateJwk: await crypto.subtle.exportKey("jwk", (pair as CryptoKeyPair).privateKey),
      publicJwk: await crypto.subtle.exportKey("jwk", (pair as CryptoKeyPair).publicKey),
    })),
  );
}

/** Imports a stored JWK pair back into CryptoKeys for signing. */
export async function importKeyPair(pair: JwkPair): Promise<CryptoKeyPair> {
  const algorithm = pair.algorithm === RSA_ALGORITHM ? { name: RSA_ALGORITHM, hash: "SHA-256" } : ED25519_ALGORITHM;
  return {
    privateKey: await crypto.subtle.importKey("jwk", pair.privateJwk, algorithm, true, ["sign"]),
    publicKey: await crypto.subtle.importKey("jwk", pair.publicJwk, algorithm, true, ["verify"]),
  };
}
