// Set-up shared by the accounts, relationships and tags API tests: one
// instance, users with tokens, request shortcuts, remote accounts and posts
// made through the services federation uses.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import type { Visibility } from "../../db/schema/index.ts";
import { startTestApp } from "../helpers/app.ts";
import { issueToken } from "../helpers/tokens.ts";

export const ORIGIN = "https://parley.test";

export interface User {
  id: string;
  username: string;
  token: string;
}

/** Starts an instance and returns it with helpers bound to it. */
export async function startAccountsTest() {
  const app = await startTestApp(ORIGIN);
  let counter = 0;

  const call = (path: string, token: string | null, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    return app.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
  };
  /** A request with a JSON body. */
  const send = (method: string, path: string, token: string | null, body: unknown = {}) =>
    call(path, token, { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
  /** GET and parse. */
  const get = async <T = any>(path: string, token: string | null): Promise<T> => (await call(path, token)).json() as Promise<T>;

  return {
    app,
    call,
    send,
    get,
    /** A local user with a token of the given scopes. */
    async user(username: string, options: { scopes?: string; locked?: boolean } = {}): Promise<User> {
      const created = await app.services.createLocalAccount({
        username,
        email: `${username}@example.com`,
        password: "long enough password",
        locked: options.locked ?? false,
      });
      if (!created.ok) throw new Error(created.message);
      return { id: created.value.id, username, token: await issueToken(app, created.value.id, options.scopes ?? "read write follow push") };
    },
    /** Another token for the same user, with other scopes. */
    token: (user: User, scopes: string) => issueToken(app, user.id, scopes),
    /** A remote account on a made-up host, as the inbox stores it. */
    async remote(username: string, domain = "remote.example"): Promise<AccountRow> {
      const uri = `https://${domain}/users/${username}`;
      const stored = await app.services.upsertRemoteAccount({
        uri, username, domain, displayName: username, note: "", avatarUrl: null, headerUrl: null, fields: [], emojis: [],
        locked: false, bot: false, discoverable: true, actorType: "Person", url: uri, inboxUrl: `${uri}/inbox`,
        sharedInboxUrl: null, outboxUrl: null, followersUrl: null, followingUrl: null, featuredUrl: null, publicKeys: [],
        alsoKnownAs: [], movedToUri: null, published: null,
      });
      if (!stored.ok) throw new Error(stored.message);
      return stored.value;
    },
    /** A status by a remote account, through createStatus as an inbound Create does. */
    async remotePost(author: AccountRow, content: string, options: { visibility?: Visibility; tags?: string[]; mentions?: string[]; language?: string } = {}): Promise<StatusRow> {
      const created = await app.services.createStatus({
        origin: "remote",
        accountId: author.id,
        uri: `https://${author.domain}/statuses/${++counter}`,
        content: `<p>${content}</p>`,
        visibility: options.visibility ?? "public",
        tagNames: options.tags ?? [],
        mentionAccountIds: options.mentions ?? [],
        language: options.language ?? null,
      });
      if (!created.ok) throw new Error(created.message);
      return created.value;
    },
    /** Posts through the API; returns the status id. */
    async post(user: User, status: string, extra: Record<string, unknown> = {}): Promise<string> {
      const response = await send("POST", "/api/v1/statuses", user.token, { status, ...extra });
      if (response.status !== 200) throw new Error(`post failed: ${response.status} ${await response.text()}`);
      return ((await response.json()) as { id: string }).id;
    },
    /** Status ids in a user's home timeline, newest first. */
    async home(user: User): Promise<string[]> {
      const rows = await app.database.db.selectFrom("home_timeline_entries").select("status_id").where("account_id", "=", user.id).orderBy("status_id", "desc").execute();
      return rows.map((r) => r.status_id);
    },
    /** Notifications of a user as (type, from) pairs. */
    async notifications(user: User): Promise<{ type: string; from: string }[]> {
      const rows = await app.database.db.selectFrom("notifications").select(["type", "from_account_id"]).where("account_id", "=", user.id).execute();
      return rows.map((r) => ({ type: r.type, from: r.from_account_id }));
    },
  };
}

export type AccountsTest = Awaited<ReturnType<typeof startAccountsTest>>;
