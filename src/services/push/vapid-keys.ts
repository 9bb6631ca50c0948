// The instance's VAPID key pair (RFC 8292): made once, kept in the database so
// every process signs pushes with it, published to clients as the server key
// they subscribe with (WebPushSubscription.server_key, and the instance's
// configuration.vapid.public_key).
import webpush from "web-push";
import type { Db } from "../../../db/index.ts";
import { findVapidKeys, insertVapidKeysIfAbsent } from "../../../db/queries/push-subscriptions.ts";

export interface VapidKeys {
  /** base64url, uncompressed P-256 point. */
  publicKey: string;
  privateKey: string;
}

/** The key pair, made on first use; concurrent first uses all end up with the same one. */
export async function getVapidKeys(db: Db): Promise<VapidKeys> {
  let row = await findVapidKeys(db);
  if (!row) {
    await insertVapidKeysIfAbsent(db, webpush.generateVAPIDKeys());
    row = await findVapidKeys(db);
  }
  if (!row) throw new Error("VAPID keys could not be stored");
  return { publicKey: row.public_key, privateKey: row.private_key };
}

/** The public VAPID key clients subscribe with (for /api/v2/instance configuration.vapid.public_key). */
export async function getVapidPublicKey(db: Db): Promise<string> {
  return (await getVapidKeys(db)).publicKey;
}
