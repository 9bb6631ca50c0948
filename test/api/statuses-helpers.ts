// Shared set-up of the status endpoint tests: one instance driven through
// app.fetch, local users with tokens, and JSON request helpers.
import { startTestApp } from "../helpers/app.ts";
import { issueToken } from "../helpers/tokens.ts";

export const ORIGIN = "https://parley.test";

export interface TestUser {
  id: string;
  username: string;
  token: string;
}

/** An instance with request helpers bound to it; dispose() when done. */
export async function startStatusesTest() {
  const app = await startTestApp(ORIGIN);
  const call = (path: string, token: string | null, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (token) headers.set("Authorization", `Bearer ${token}`);
    return app.fetch(new Request(`${ORIGIN}${path}`, { ...init, headers }));
  };
  /** A JSON request (GET and DELETE without a body). */
  const send = (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) =>
    call(path, token, {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: { ...(body === undefined ? {} : { "Content-Type": "application/json" }), ...headers },
    });
  const json = async <T = any>(response: Response | Promise<Response>): Promise<T> => (await response).json() as Promise<T>;
  /** A local user with a token of the given scopes. */
  const user = async (username: string, scopes = "read write follow push"): Promise<TestUser> => {
    const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password" });
    if (!created.ok) throw new Error(created.message);
    return { id: created.value.id, username, token: await issueToken(app, created.value.id, scopes) };
  };
  /** Posts through the API; returns the Status entity. */
  const post = async (author: TestUser, body: Record<string, unknown>) => {
    const response = await send("POST", "/api/v1/statuses", author.token, body);
    if (response.status !== 200) throw new Error(`post failed: ${response.status} ${await response.text()}`);
    return response.json() as Promise<any>;
  };
  const follow = async (follower: TestUser, target: TestUser) => {
    const followed = await app.services.followAccount({ followerId: follower.id, targetId: target.id, origin: "local" });
    if (!followed.ok) throw new Error(followed.message);
  };
  return { app, call, send, json, user, post, follow };
}
