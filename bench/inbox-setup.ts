// Prepares the receiver's database before it starts: a local account that
// follows each fake remote actor, the actors resolved the real way (Fedify
// fetches their documents from the sender over loopback).
import { openDatabase } from "../db/index.ts";
import type { Id } from "../db/schema/index.ts";
import { resolveAccount } from "../federation/resolve/resolve-account.ts";
import { createApp } from "../src/app.ts";
import type { Config } from "../src/config.ts";

/** Creates @bench, resolves the actors and makes @bench follow them; returns their account ids. */
export async function seedReceiver(config: Config, actorUris: readonly string[]): Promise<Id[]> {
  const app = await createApp({ ...config, runQueue: false });
  const ids: Id[] = [];
  try {
    const created = await app.services.createLocalAccount({
      username: "bench",
      email: "bench@bench.invalid",
      password: "correct horse battery staple",
      locked: false,
    });
    if (!created.ok) throw new Error(`could not create @bench: ${created.message}`);
    const ctx = app.federation.createContext(config.publicUrl, app.contextData);
    for (const uri of actorUris) {
      const remote = await resolveAccount(ctx, new URL(uri));
      if (!remote) throw new Error(`could not resolve ${uri}`);
      // The request goes out as a Follow; the fake actor accepts it, as a Mastodon would.
      const followed = await app.services.followAccount({ followerId: created.value.id, targetId: remote.id, origin: "local" });
      if (!followed.ok) throw new Error(followed.message);
      const accepted = await app.services.acceptFollowRequest({ followerId: created.value.id, targetId: remote.id, origin: "remote" });
      if (!accepted.ok) throw new Error(accepted.message);
      ids.push(remote.id);
    }
    await app.outbox.drain();
  } finally {
    await app.close();
  }
  // The queued Follow deliveries are setup noise for the measured process: drop them.
  const handle = openDatabase(config.database);
  await handle.db.deleteFrom("fedify_messages").execute();
  await handle.db.deleteFrom("outbox_events").execute();
  await handle.close();
  return ids;
}
