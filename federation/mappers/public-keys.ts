// An actor's keys: RSA keys of `publicKey` (HTTP Signatures) as PEM, and
// Multikeys of `assertionMethod` (FEP-521a, Object Integrity Proofs) as multibase.
import { exportMultibaseKey, exportSpki } from "@fedify/vocab-runtime";
import type { Actor } from "@fedify/vocab";
import type { PublicKeyRecord } from "../../db/schema/index.ts";
import { collect, getterOptions, type MapperOptions, readField } from "./read-safely.ts";

// Real actors have one or two keys of each kind.
const MAX_KEYS = 10;

/**
 * Reads an actor's keys. A key counts only if its id is on the actor's origin
 * and its owner (controller) is the actor: a document must not claim another
 * server's key. Keys that Fedify cannot import are skipped one by one.
 */
export async function readPublicKeys(actor: Actor, options: MapperOptions): Promise<PublicKeyRecord[]> {
  const actorId = actor.id;
  if (actorId == null) return [];
  // "ignore" makes Fedify refuse embedded keys from another origin.
  const lookup = getterOptions(options, "ignore");
  const records: PublicKeyRecord[] = [];
  const keys = await collect(actorId, "publicKey", () => actor.getPublicKeys(lookup), MAX_KEYS);
  for (const key of keys) {
    if (!belongsTo(key.id, key.ownerId, actorId) || key.publicKey == null) continue;
    const pem = await readField(actorId, "publicKey", () => exportSpki(key.publicKey!), null);
    if (pem != null) records.push({ id: key.id!.href, pem });
  }
  const methods = await collect(actorId, "assertionMethod", () => actor.getAssertionMethods(lookup), MAX_KEYS);
  for (const method of methods) {
    if (!belongsTo(method.id, method.controllerId, actorId) || method.publicKey == null) continue;
    const multibase = await readField(actorId, "assertionMethod", () => exportMultibaseKey(method.publicKey!), null);
    if (multibase == null) continue;
    // Fedify-based servers publish their RSA key both ways under one id.
    const same = records.find((r) => r.id === method.id!.href);
    if (same != null) same.multibase ??= multibase;
    else records.push({ id: method.id!.href, multibase });
  }
  return records;
}

function belongsTo(keyId: URL | null, ownerId: URL | null, actorId: URL): boolean {
  if (keyId == null || keyId.origin !== actorId.origin) return false;
  return ownerId == null || ownerId.href === actorId.href;
}
