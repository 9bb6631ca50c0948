// Raw deliveries for the hostile-input suites: JSON posted to an inbox over
// real HTTP, signed (or not) exactly as a test wants, with a real actor's key.
import { signRequest } from "@fedify/fedify";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findKeyPairs } from "../../db/queries/key-pairs.ts";
import { instantAt } from "../../federation/mappers/instant.ts";
import { importKeyPair } from "../../src/domain/key-pairs.ts";
import type { RigInstance } from "../rig/rig.ts";

export interface Signer {
  key: CryptoKey;
  keyId: URL;
}

/** The RSA key of a local account of a rig instance, with the key id its actor document names. */
export async function signerOf(instance: RigInstance, account: AccountRow): Promise<Signer> {
  const [rsa] = await findKeyPairs(instance.app.database.db, account.id);
  const pair = await importKeyPair({ algorithm: rsa!.algorithm, privateJwk: JSON.parse(rsa!.private_jwk), publicJwk: JSON.parse(rsa!.public_jwk) });
  const actor = await instance.app.fetch(new Request(account.uri, { headers: { Accept: "application/activity+json" } }));
  const keyId = ((await actor.json()) as { publicKey: { id: string } }).publicKey.id;
  return { key: pair.privateKey, keyId: new URL(keyId) };
}

export interface Delivery {
  signer?: Signer | null;
  /** When the signature says it was made (ms); now by default. */
  at?: number;
  /** A body sent in place of the signed one. */
  sentBody?: string;
  /** RFC 9421 instead of the draft-cavage signatures Mastodon sends. */
  rfc9421?: boolean;
}

/** POSTs json (or a prepared body) to an inbox, signed as told; returns the response, body discarded. */
export async function deliverRaw(inbox: URL, json: unknown, { signer = null, at, sentBody, rfc9421 = false }: Delivery = {}): Promise<Response> {
  const body = typeof json === "string" ? json : JSON.stringify(json);
  let request = new Request(inbox, { method: "POST", headers: { "Content-Type": "application/activity+json" }, body });
  if (signer) {
    request = await signRequest(request, signer.key, signer.keyId, {
      ...(at === undefined ? {} : { currentTime: instantAt(at) }),
      ...(rfc9421 ? { spec: "rfc9421" as const } : {}),
    });
  }
  if (sentBody !== undefined) request = new Request(request.url, { method: "POST", headers: request.headers, body: sentBody });
  const response = await fetch(request);
  await response.body?.cancel();
  return response;
}
