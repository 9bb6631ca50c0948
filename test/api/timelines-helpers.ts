// Shared set-up of the timelines, lists, notifications, markers and
// conversations API tests: one instance, users with tokens, remote accounts
// and remote statuses made through the same services federation uses.
import type { AccountRow } from "../../db/queries/accounts.ts";
import type { StatusRow } from "../../db/queries/statuses.ts";
import type { Visibility } from "../../db/schema/index.ts";
import type { Config } from "../../src/config.ts";
import { startTestApp } from "../helpers/app.ts";
import { issueToken } from "../helpers/tokens.ts";

export type TestApp = Awaited<ReturnType<typeof startTestApp>>;

export const ORIGIN = "https://parley.test";

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

/** An instance (with config overrides, if any) with request helpers bound to it. */
export async function startApiTest(overrides: Partial<Config> = {}) {
  const app = await startTestApp(ORIGIN, overrides);
  const call = (path: string, token: string | null, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    return app.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
  };
  const send = (method: string, path: string, token: string | null, body: unknown = {}) =>
    call(path, token, { method, body: JSON.stringify(body), headers: { "Content-Type": "application/json" } });
  const json = async <T = unknown>(response: Response | Promise<Response>): Promise<T> => (await response).json() as Promise<T>;

  let counter = 0;
  /** A local user with a token of the given scopes. */
  const user = async (username: string, scopes = "read write follow push"): Promise<TestUser> => {
    const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password" });
    if (!created.ok) throw new Error(created.message);
    return { id: created.value.id, username, token: await issueToken(app, created.value.id, scopes) };
  };
  /** A remote account on a made-up host, as the inbox would store it. */
  const remoteAccount = async (username: string, domain = "remote.example"): Promise<AccountRow> => {
    const uri = `https://${domain}/users/${username}`;
    const stored = await app.services.upsertRemoteAccount({
      uri, username, domain, displayName: username, note: "", avatarUrl: null, headerUrl: null, fields: [], emojis: [],
      locked: false, bot: false, discoverable: true, actorType: "Person", url: uri, inboxUrl: `${uri}/inbox`,
      sharedInboxUrl: null, outboxUrl: null, followersUrl: null, followingUrl: null, featuredUrl: null, publicKeys: [], alsoKnownAs: [],
      movedToUri: null, published: null,
    });
    if (!stored.ok) throw new Error(stored.message);
    return stored.value;
  };
  /** A status by a remote account, through createStatus as an inbound Create does. */
  const remoteStatus = async (
    author: AccountRow,
    content: string,
    options: { visibility?: Visibility; mentionAccountIds?: string[]; tagNames?: string[]; inReplyToId?: string } = {},
  ): Promise<StatusRow> => {
    const created = await app.services.createStatus({
      origin: "remote",
      accountId: author.id,
      uri: `https://${author.domain}/statuses/${++counter}-${Date.now()}`,
      content: `<p>${content}</p>`,
      visibility: options.visibility ?? "public",
      mentionAccountIds: options.mentionAccountIds ?? [],
      tagNames: options.tagNames ?? [],
      inReplyToId: options.inReplyToId ?? null,
    });
    if (!created.ok) throw new Error(created.message);
    return created.value;
  };
  /** Posts through the API as a user; returns the Status entity. */
  const post = async (author: TestUser, status: string, extra: Record<string, unknown> = {}) => {
    const response = await send("POST", "/api/v1/statuses", author.token, { status, ...extra });
    if (response.status !== 200) throw new Error(`post failed: ${response.status} ${await response.text()}`);
    return (await response.json()) as { id: string; content: string };
  };
  const follow = async (follower: TestUser, target: { id: string }) => {
    const followed = await app.services.followAccount({ followerId: follower.id, targetId: target.id, origin: "local" });
    if (!followed.ok) throw new Error(followed.message);
  };

  return { app, call, send, json, user, remoteAccount, remoteStatus, post, follow };
}

export type ApiTest = Awaited<ReturnType<typeof startApiTest>>;
