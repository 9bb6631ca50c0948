// Types for the parts of http_ece (RFC 8188 encrypted content-encoding) the push tests use.
declare module "http_ece" {
  import type { ECDH } from "node:crypto";

  export interface DecryptParams {
    version: "aes128gcm" | "aesgcm";
    privateKey: ECDH;
    authSecret: string;
    /** aesgcm: the sender's public key (Crypto-Key dh=). */
    dh?: string;
    /** aesgcm: the Encryption header's salt. */
    salt?: string;
  }

  export function decrypt(buffer: Buffer, params: DecryptParams): Buffer;
}
