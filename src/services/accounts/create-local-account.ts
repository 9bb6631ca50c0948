// Creates a local account with its user, credentials and key pairs.
import { findLocalAccountByUsername } from "../../../db/queries/accounts.ts";
import { insertAccount } from "../../../db/queries/accounts.ts";
import { insertKeyPairs } from "../../../db/queries/key-pairs.ts";
import { findUserByEmail, insertUser } from "../../../db/queries/users.ts";
import type { Id, Role } from "../../../db/schema/index.ts";
import { generateActorKeyPairs } from "../../domain/key-pairs.ts";
import { hashPassword } from "../../domain/passwords.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, type Tx, writeTransaction } from "../context.ts";

export interface NewLocalAccount {
  username: string;
  email: string;
  password: string;
  role?: Role;
  displayName?: string;
  bot?: boolean;
  locked?: boolean;
  /** More writes that must commit with the account or not at all (a sign-up's record). */
  alsoWrite?: (tx: Tx, accountId: Id) => Promise<void>;
}

// Mastodon's rule (app/models/account.rb USERNAME_RE), 30 characters at most.
const USERNAME = /^[a-z0-9_]+([a-z0-9_.-]+[a-z0-9_]+)?$/i;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Validates and creates a local account; fails with "validation" or "conflict". */
export async function createLocalAccount(deps: ServiceDeps, input: NewLocalAccount): Promise<Result<{ id: Id; uri: string }>> {
  if (!USERNAME.test(input.username) || input.username.length > 30) {
    return fail("validation", "Username must be 1-30 letters, digits or underscores (dots and dashes inside)");
  }
  if (!EMAIL.test(input.email)) return fail("validation", "Email address is not valid");
  if (input.password.length < 8 || input.password.length > 1024) {
    return fail("validation", "Password must be 8 to 1024 characters long");
  }
  if (await findLocalAccountByUsername(deps.db, input.username)) return fail("conflict", "Username is already taken");
  if (await findUserByEmail(deps.db, input.email)) return fail("conflict", "Email is already taken");

  const [keys, passwordHash] = await Promise.all([generateActorKeyPairs(), hashPassword(input.password)]);
  const id = deps.ids.next();
  const uri = deps.uris.actor(input.username);
  const now = Date.now();
  await writeTransaction(deps, async (tx) => {
    await insertAccount(tx, {
      id,
      username: input.username,
      domain: null,
      display_name: input.displayName ?? "",
      note: "",
      avatar_url: null,
      header_url: null,
      fields: "[]",
      emojis: "[]",
      locked: input.locked ? 1 : 0,
      bot: input.bot ? 1 : 0,
      discoverable: 1,
      actor_type: input.bot ? "Service" : "Person",
      uri,
      url: deps.uris.profileUrl(input.username),
      inbox_url: `${uri}/inbox`,
      shared_inbox_url: `${deps.uris.origin}/inbox`,
      outbox_url: `${uri}/outbox`,
      followers_url: `${uri}/followers`,
      following_url: `${uri}/following`,
      featured_url: `${uri}/collections/featured`,
      public_keys: "[]",
      also_known_as: "[]",
      moved_to_account_id: null,
      followers_count: 0,
      following_count: 0,
      statuses_count: 0,
      last_status_at: null,
      created_at: now,
      updated_at: now,
      fetched_at: null,
      deleted_at: null,
    });
    await insertUser(tx, {
      id: deps.ids.next(),
      account_id: id,
      email: input.email,
      password_hash: passwordHash,
      role: input.role ?? "user",
      created_at: now,
    });
    await insertKeyPairs(
      tx,
      keys.map((k) => ({
        account_id: id,
        algorithm: k.algorithm,
        private_jwk: JSON.stringify(k.privateJwk),
        public_jwk: JSON.stringify(k.publicJwk),
        created_at: now,
      })),
    );
    await input.alsoWrite?.(tx, id);
  });
  return ok({ id, uri });
}
