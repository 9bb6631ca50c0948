// Every /api/v1 and /api/v2 route, table-driven: a route that needs a token
// answers 401 without one and 403 to a token lacking its scope (Mastodon's
// bodies) but lets a token with just that scope through, a route that needs
// a user answers 422 to an app token, and every
// route that takes a status id answers 404 for a followers-only status of a
// stranger, as for an id that does not exist. The table is checked against
// the routes actually mounted (src/api/mastodon/index.ts), so a new route
// without a line here fails the first test.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mastodonApi } from "../../src/api/mastodon/index.ts";
import { startTestApp } from "../helpers/app.ts";
import { STREAM_SCOPE_REFUSAL } from "../../src/api/mastodon/streaming/caller.ts";
import { CLI_MODERATOR } from "../../src/services/moderation/audit.ts";
import { issueToken } from "../helpers/tokens.ts";

// method, path (query allowed, for streams that need one), guard:
//   user:<scope>   a user token with the scope (requireUser)
//   app:<scope>    any token with the scope, app tokens too (requireScope)
//   opt:<scope>    no token needed; a token given must have the scope (scopeIfToken)
//   stream:<scope> a user token with the scope, for the server-sent-event streams
//   staff:<scope>  a staff account's user token with the scope (requireStaff); a user's is refused
//   token          any token, whatever its scopes
//   public         no token needed
const TABLE = `
GET    /api/v1/accounts                                  opt:read:accounts
POST   /api/v1/accounts                                  app:write:accounts
GET    /api/v1/accounts/:id                              opt:read:accounts
POST   /api/v1/accounts/:id/block                        user:write:blocks
POST   /api/v1/accounts/:id/endorse                      user:write:accounts
GET    /api/v1/accounts/:id/endorsements                 opt:read:accounts
GET    /api/v1/accounts/:id/featured_tags                opt:read:accounts
POST   /api/v1/accounts/:id/follow                       user:write:follows
GET    /api/v1/accounts/:id/followers                    opt:read:accounts
GET    /api/v1/accounts/:id/following                    opt:read:accounts
GET    /api/v1/accounts/:id/lists                        user:read:lists
POST   /api/v1/accounts/:id/mute                         user:write:mutes
POST   /api/v1/accounts/:id/note                         user:write:accounts
POST   /api/v1/accounts/:id/pin                          user:write:accounts
POST   /api/v1/accounts/:id/remove_from_followers        user:write:follows
GET    /api/v1/accounts/:id/statuses                     opt:read:statuses
POST   /api/v1/accounts/:id/unblock                      user:write:blocks
POST   /api/v1/accounts/:id/unendorse                    user:write:accounts
POST   /api/v1/accounts/:id/unfollow                     user:write:follows
POST   /api/v1/accounts/:id/unmute                       user:write:mutes
POST   /api/v1/accounts/:id/unpin                        user:write:accounts
GET    /api/v1/accounts/familiar_followers               user:read:follows
GET    /api/v1/accounts/lookup                           opt:read:accounts
GET    /api/v1/accounts/relationships                    user:read:follows
GET    /api/v1/accounts/search                           user:read:accounts
PATCH  /api/v1/accounts/update_credentials               user:write:accounts
GET    /api/v1/accounts/verify_credentials               user:read:accounts
GET    /api/v1/announcements                             user:read
POST   /api/v1/announcements/:id/dismiss                 user:write:accounts
PUT    /api/v1/announcements/:id/reactions/:name         user:write:favourites
DELETE /api/v1/announcements/:id/reactions/:name         user:write:favourites
POST   /api/v1/apps                                      public
GET    /api/v1/apps/verify_credentials                   token
GET    /api/v1/blocks                                    user:read:blocks
GET    /api/v1/bookmarks                                 user:read:bookmarks
GET    /api/v1/conversations                             user:read:statuses
DELETE /api/v1/conversations/:id                         user:write:conversations
POST   /api/v1/conversations/:id/read                    user:write:conversations
GET    /api/v1/custom_emojis                             public
GET    /api/v1/directory                                 opt:read:accounts
GET    /api/v1/domain_blocks                             user:read:blocks
POST   /api/v1/domain_blocks                             user:write:blocks
DELETE /api/v1/domain_blocks                             user:write:blocks
GET    /api/v1/endorsements                              user:read:accounts
GET    /api/v1/favourites                                user:read:favourites
GET    /api/v1/featured_tags                             user:read:accounts
POST   /api/v1/featured_tags                             user:write:accounts
DELETE /api/v1/featured_tags/:id                         user:write:accounts
GET    /api/v1/featured_tags/suggestions                 user:read:accounts
GET    /api/v1/filters                                   user:read:filters
POST   /api/v1/filters                                   user:write:filters
GET    /api/v1/filters/:id                               user:read:filters
PUT    /api/v1/filters/:id                               user:write:filters
DELETE /api/v1/filters/:id                               user:write:filters
GET    /api/v1/follow_requests                           user:read:follows
POST   /api/v1/follow_requests/:id/authorize             user:write:follows
POST   /api/v1/follow_requests/:id/reject                user:write:follows
GET    /api/v1/followed_tags                             user:read:follows
GET    /api/v1/instance                                  public
GET    /api/v1/instance/activity                         public
GET    /api/v1/instance/domain_blocks                    public
GET    /api/v1/instance/extended_description             public
GET    /api/v1/instance/peers                            public
GET    /api/v1/instance/privacy_policy                   public
GET    /api/v1/instance/rules                            public
GET    /api/v1/instance/terms_of_service                 public
GET    /api/v1/instance/translation_languages            public
GET    /api/v1/lists                                     user:read:lists
POST   /api/v1/lists                                     user:write:lists
GET    /api/v1/lists/:id                                 user:read:lists
PUT    /api/v1/lists/:id                                 user:write:lists
DELETE /api/v1/lists/:id                                 user:write:lists
GET    /api/v1/lists/:id/accounts                        user:read:lists
POST   /api/v1/lists/:id/accounts                        user:write:lists
DELETE /api/v1/lists/:id/accounts                        user:write:lists
GET    /api/v1/markers                                   user:read:statuses
POST   /api/v1/markers                                   user:write:statuses
POST   /api/v1/media                                     user:write:media
GET    /api/v1/media/:id                                 user:write:media
PUT    /api/v1/media/:id                                 user:write:media
DELETE /api/v1/media/:id                                 user:write:media
GET    /api/v1/mutes                                     user:read:mutes
GET    /api/v1/notifications                             user:read:notifications
GET    /api/v1/notifications/:id                         user:read:notifications
POST   /api/v1/notifications/:id/dismiss                 user:write:notifications
POST   /api/v1/notifications/clear                       user:write:notifications
GET    /api/v1/notifications/unread_count                user:read:notifications
GET    /api/v1/notifications/requests                    user:read:notifications
GET    /api/v1/notifications/requests/:id                user:read:notifications
POST   /api/v1/notifications/requests/:id/accept         user:write:notifications
POST   /api/v1/notifications/requests/:id/dismiss        user:write:notifications
POST   /api/v1/notifications/requests/accept             user:write:notifications
POST   /api/v1/notifications/requests/dismiss            user:write:notifications
GET    /api/v1/notifications/requests/merged             user:read:notifications
GET    /api/v1/polls/:id                                 opt:read:statuses
POST   /api/v1/polls/:id/votes                           user:write:statuses
GET    /api/v1/preferences                               user:read:accounts
GET    /api/v1/profile                                   user:read:accounts
PATCH  /api/v1/profile                                   user:write:accounts
DELETE /api/v1/profile/avatar                            user:write:accounts
DELETE /api/v1/profile/header                            user:write:accounts
POST   /api/v1/push/subscription                         user:push
GET    /api/v1/push/subscription                         user:push
PUT    /api/v1/push/subscription                         user:push
DELETE /api/v1/push/subscription                         user:push
POST   /api/v1/reports                                   user:write:reports
GET    /api/v1/scheduled_statuses                        user:read:statuses
GET    /api/v1/scheduled_statuses/:id                    user:read:statuses
PUT    /api/v1/scheduled_statuses/:id                    user:write:statuses
DELETE /api/v1/scheduled_statuses/:id                    user:write:statuses
GET    /api/v1/statuses                                  opt:read:statuses
POST   /api/v1/statuses                                  user:write:statuses
GET    /api/v1/statuses/:id                              opt:read:statuses
PUT    /api/v1/statuses/:id                              user:write:statuses
DELETE /api/v1/statuses/:id                              user:write:statuses
POST   /api/v1/statuses/:id/bookmark                     user:write:bookmarks
POST   /api/v1/statuses/:id/unbookmark                   user:write:bookmarks
GET    /api/v1/statuses/:id/context                      opt:read:statuses
POST   /api/v1/statuses/:id/favourite                    user:write:favourites
POST   /api/v1/statuses/:id/unfavourite                  user:write:favourites
GET    /api/v1/statuses/:id/favourited_by                opt:read:accounts
GET    /api/v1/statuses/:id/reblogged_by                 opt:read:accounts
GET    /api/v1/statuses/:id/history                      opt:read:statuses
POST   /api/v1/statuses/:id/mute                         user:write:mutes
POST   /api/v1/statuses/:id/unmute                       user:write:mutes
POST   /api/v1/statuses/:id/pin                          user:write:accounts
POST   /api/v1/statuses/:id/unpin                        user:write:accounts
POST   /api/v1/statuses/:id/reblog                       user:write:statuses
POST   /api/v1/statuses/:id/unreblog                     user:write:statuses
GET    /api/v1/statuses/:id/source                       user:read:statuses
GET    /api/v1/streaming/health                          public
GET    /api/v1/streaming/user                            stream:read:statuses
GET    /api/v1/streaming/user/notification               stream:read:notifications
GET    /api/v1/streaming/public                          stream:read:statuses
GET    /api/v1/streaming/public/local                    stream:read:statuses
GET    /api/v1/streaming/public/remote                   stream:read:statuses
GET    /api/v1/streaming/hashtag?tag=cats                stream:read:statuses
GET    /api/v1/streaming/hashtag/local?tag=cats          stream:read:statuses
GET    /api/v1/streaming/list?list=1                     stream:read:statuses
GET    /api/v1/streaming/direct                          stream:read:statuses
GET    /api/v1/suggestions                               user:read:accounts
DELETE /api/v1/suggestions/:id                           user:write:accounts
GET    /api/v1/tags/:name                                public
POST   /api/v1/tags/:name/follow                         user:write:follows
POST   /api/v1/tags/:name/unfollow                       user:write:follows
POST   /api/v1/tags/:name/feature                        user:write:accounts
POST   /api/v1/tags/:name/unfeature                      user:write:accounts
GET    /api/v1/timelines/home                            user:read:statuses
GET    /api/v1/timelines/list/:list_id                   user:read:lists
GET    /api/v1/timelines/public                          public
GET    /api/v1/timelines/tag/:hashtag                    public
GET    /api/v1/timelines/link                            opt:read:statuses
GET    /api/v1/trends                                    public
GET    /api/v1/trends/tags                               public
GET    /api/v1/trends/statuses                           public
GET    /api/v1/trends/links                              public
GET    /api/v2/filters                                   user:read:filters
POST   /api/v2/filters                                   user:write:filters
GET    /api/v2/filters/:id                               user:read:filters
PUT    /api/v2/filters/:id                               user:write:filters
DELETE /api/v2/filters/:id                               user:write:filters
GET    /api/v2/filters/:id/keywords                      user:read:filters
POST   /api/v2/filters/:id/keywords                      user:write:filters
GET    /api/v2/filters/:id/statuses                      user:read:filters
POST   /api/v2/filters/:id/statuses                      user:write:filters
GET    /api/v2/filters/keywords/:id                      user:read:filters
PUT    /api/v2/filters/keywords/:id                      user:write:filters
DELETE /api/v2/filters/keywords/:id                      user:write:filters
GET    /api/v2/filters/statuses/:id                      user:read:filters
DELETE /api/v2/filters/statuses/:id                      user:write:filters
GET    /api/v2/instance                                  public
POST   /api/v2/media                                     user:write:media
GET    /api/v2/notifications                             user:read:notifications
GET    /api/v2/notifications/unread_count                user:read:notifications
GET    /api/v2/notifications/policy                      user:read:notifications
PATCH  /api/v2/notifications/policy                      user:write:notifications
GET    /api/v2/notifications/:group_key                  user:read:notifications
GET    /api/v2/notifications/:group_key/accounts         user:read:notifications
POST   /api/v2/notifications/:group_key/dismiss          user:write:notifications
GET    /api/v2/search                                    opt:read:search
GET    /api/v2/suggestions                               user:read:accounts
GET    /api/v1/admin/accounts                            staff:admin:read
GET    /api/v1/admin/accounts/:id                        staff:admin:read
DELETE /api/v1/admin/accounts/:id                        staff:admin:write
POST   /api/v1/admin/accounts/:id/action                 staff:admin:write
POST   /api/v1/admin/accounts/:id/approve                staff:admin:write
POST   /api/v1/admin/accounts/:id/enable                 staff:admin:write
POST   /api/v1/admin/accounts/:id/reject                 staff:admin:write
POST   /api/v1/admin/accounts/:id/unsensitive            staff:admin:write
POST   /api/v1/admin/accounts/:id/unsilence              staff:admin:write
POST   /api/v1/admin/accounts/:id/unsuspend              staff:admin:write
GET    /api/v1/admin/audit_log                           staff:admin:read
GET    /api/v1/admin/blocklist_subscriptions             staff:admin:read
POST   /api/v1/admin/blocklist_subscriptions             staff:admin:write
GET    /api/v1/admin/blocklist_subscriptions/:id         staff:admin:read
DELETE /api/v1/admin/blocklist_subscriptions/:id         staff:admin:write
POST   /api/v1/admin/blocklist_subscriptions/:id/apply   staff:admin:write
POST   /api/v1/admin/blocklist_subscriptions/:id/refresh staff:admin:write
GET    /api/v1/admin/canonical_email_blocks              staff:admin:read
POST   /api/v1/admin/canonical_email_blocks              staff:admin:write
GET    /api/v1/admin/canonical_email_blocks/:id          staff:admin:read
DELETE /api/v1/admin/canonical_email_blocks/:id          staff:admin:write
POST   /api/v1/admin/canonical_email_blocks/test         staff:admin:read
GET    /api/v1/admin/dimensions                          staff:admin:read
POST   /api/v1/admin/dimensions                          staff:admin:read
GET    /api/v1/admin/domain_allows                       staff:admin:read
POST   /api/v1/admin/domain_allows                       staff:admin:write
GET    /api/v1/admin/domain_allows/:id                   staff:admin:read
DELETE /api/v1/admin/domain_allows/:id                   staff:admin:write
GET    /api/v1/admin/domain_blocks                       staff:admin:read
POST   /api/v1/admin/domain_blocks                       staff:admin:write
GET    /api/v1/admin/domain_blocks/:id                   staff:admin:read
DELETE /api/v1/admin/domain_blocks/:id                   staff:admin:write
PUT    /api/v1/admin/domain_blocks/:id                   staff:admin:write
GET    /api/v1/admin/domain_blocks/export                staff:admin:read
POST   /api/v1/admin/domain_blocks/import                staff:admin:write
GET    /api/v1/admin/email_domain_blocks                 staff:admin:read
POST   /api/v1/admin/email_domain_blocks                 staff:admin:write
GET    /api/v1/admin/email_domain_blocks/:id             staff:admin:read
DELETE /api/v1/admin/email_domain_blocks/:id             staff:admin:write
GET    /api/v1/admin/holds                               staff:admin:read
POST   /api/v1/admin/holds/:status_id/release            staff:admin:write
POST   /api/v1/admin/holds/:status_id/remove             staff:admin:write
GET    /api/v1/admin/invites                             staff:admin:read
POST   /api/v1/admin/invites                             staff:admin:write
DELETE /api/v1/admin/invites/:id                         staff:admin:write
GET    /api/v1/admin/ip_blocks                           staff:admin:read
POST   /api/v1/admin/ip_blocks                           staff:admin:write
GET    /api/v1/admin/ip_blocks/:id                       staff:admin:read
DELETE /api/v1/admin/ip_blocks/:id                       staff:admin:write
PUT    /api/v1/admin/ip_blocks/:id                       staff:admin:write
GET    /api/v1/admin/measures                            staff:admin:read
POST   /api/v1/admin/measures                            staff:admin:read
GET    /api/v1/admin/reports                             staff:admin:read
GET    /api/v1/admin/reports/:id                         staff:admin:read
PUT    /api/v1/admin/reports/:id                         staff:admin:write
POST   /api/v1/admin/reports/:id/assign_to_self          staff:admin:write
GET    /api/v1/admin/reports/:id/notes                   staff:admin:read
POST   /api/v1/admin/reports/:id/notes                   staff:admin:write
POST   /api/v1/admin/reports/:id/reopen                  staff:admin:write
POST   /api/v1/admin/reports/:id/resolve                 staff:admin:write
POST   /api/v1/admin/reports/:id/unassign                staff:admin:write
GET    /api/v1/admin/rules                               staff:admin:read
POST   /api/v1/admin/rules                               staff:admin:write
GET    /api/v1/admin/rules/:id                           staff:admin:read
DELETE /api/v1/admin/rules/:id                           staff:admin:write
PUT    /api/v1/admin/rules/:id                           staff:admin:write
POST   /api/v1/admin/statuses/:id/hold                   staff:admin:write
GET    /api/v2/admin/accounts                            staff:admin:read
`;

type Guard = { kind: "user" | "app" | "opt" | "stream" | "staff"; scope: string } | { kind: "token" | "public" };
interface Route {
  method: string;
  /** The path as mounted, e.g. /api/v1/statuses/:id. */
  pattern: string;
  query: string;
  guard: Guard;
}

const ROUTES: Route[] = TABLE.trim().split("\n").map((line) => {
  const [method, path, guard] = line.trim().split(/\s+/) as [string, string, string];
  const [pattern, query = ""] = path.split("?") as [string, string?];
  const colon = guard.indexOf(":");
  const kind = colon < 0 ? guard : guard.slice(0, colon);
  return { method, pattern, query, guard: colon < 0 ? { kind: kind as "token" | "public" } : { kind: kind as "user", scope: guard.slice(colon + 1) } };
});

const ORIGIN = "https://parley.test";
const ALL_SCOPES = "read write follow push";
const NOT_FOUND = { error: "Record not found" };
const INVALID_TOKEN = { error: "The access token is invalid" };
const OUTSIDE_SCOPES = { error: "This action is outside the authorized scopes" };
const NEEDS_USER = { error: "This method requires an authenticated user" };
const NOT_ALLOWED = { error: "This action is not allowed" };

let app: Awaited<ReturnType<typeof startTestApp>>;
let aliceId: string;
let ownerId: string;
let userToken: string;
let appToken: string;
let adminAppToken: string;
/** Tokens of alice that lack a whole top-level scope (and the legacy follow, which grants parts of read and write). */
const lacking: Record<string, string> = {};
let hidden: { statusId: string; pollId: string };
let visibleStatusId: string;
let filterId: string;
let cases = 0;

async function call(method: string, path: string, token: string | null, body?: unknown): Promise<Response> {
  const headers = new Headers();
  if (token) headers.set("Authorization", `Bearer ${token}`);
  if (body !== undefined) headers.set("Content-Type", "application/json");
  const response = await app.fetch(new Request(`${ORIGIN}${path}`, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) }));
  cases++;
  return response;
}

/** Status and JSON body; a stream that opened by mistake is closed. */
async function answer(response: Response): Promise<{ status: number; body: unknown }> {
  if (response.headers.get("Content-Type")?.includes("text/event-stream")) {
    await response.body?.cancel();
    return { status: response.status, body: null };
  }
  return { status: response.status, body: await response.json().catch(() => null) };
}

function concretePath(route: Route): string {
  const path = route.pattern.replace(/:(id|list_id|group_key)\b/g, "117000000000000000").replace(/:(name|hashtag)\b/g, "cats");
  return route.query ? `${path}?${route.query}` : path;
}

const granted = new Map<string, Promise<string>>();

/** A token of alice (or of the owner, for staff routes) with exactly this scope. */
function tokenWith(scope: string, accountId = aliceId): Promise<string> {
  const key = `${accountId} ${scope}`;
  let token = granted.get(key);
  if (!token) granted.set(key, (token = issueToken(app, accountId, scope)));
  return token;
}

/** A token of alice lacking the top-level scope a required one falls under. */
function tokenLacking(scope: string): string {
  const family = scope.split(":")[0]!;
  const token = lacking[family];
  if (!token) throw new Error(`no token lacking ${scope}`);
  return token;
}

async function account(username: string): Promise<string> {
  const created = await app.services.createLocalAccount({ username, email: `${username}@example.com`, password: "long enough password" });
  if (!created.ok) throw new Error(created.message);
  return created.value.id;
}

async function postAs(token: string, body: Record<string, unknown>): Promise<any> {
  const response = await call("POST", "/api/v1/statuses", token, body);
  if (response.status !== 200) throw new Error(`post failed: ${response.status} ${await response.text()}`);
  return response.json();
}

beforeAll(async () => {
  app = await startTestApp(ORIGIN, { apiRateLimit: 0 });
  const alice = (aliceId = await account("alice"));
  userToken = await issueToken(app, alice, ALL_SCOPES);
  appToken = await issueToken(app, null, ALL_SCOPES);
  adminAppToken = await issueToken(app, null, "admin:read admin:write");
  lacking.read = await issueToken(app, alice, "write push");
  lacking.write = await issueToken(app, alice, "read push");
  lacking.push = await issueToken(app, alice, "read write");
  lacking.admin = await issueToken(app, alice, "read write push");
  ownerId = await account("olga");
  const owner = await app.services.changeRole(CLI_MODERATOR, "olga", "owner");
  if (!owner.ok) throw new Error(owner.message);

  // mallory is a stranger to alice; trent is followed by alice. Both post for followers only.
  const mallory = await issueToken(app, await account("mallory"));
  const trentId = await account("trent");
  const trent = await issueToken(app, trentId);
  const secret = await postAs(mallory, { status: "for my followers", visibility: "private", poll: { options: ["yes", "no"], expires_in: 3600 } });
  hidden = { statusId: secret.id, pollId: secret.poll.id };
  expect((await call("POST", `/api/v1/accounts/${trentId}/follow`, userToken)).status).toBe(200);
  visibleStatusId = (await postAs(trent, { status: "for my followers, alice among them", visibility: "private" })).id;
  const filter = await call("POST", "/api/v2/filters", userToken, { title: "f", context: ["home"] });
  filterId = ((await filter.json()) as { id: string }).id;
});
afterAll(async () => {
  console.log(`scopes matrix: ${cases} cases over ${ROUTES.length} routes`);
  await app?.dispose();
});

describe("the scopes matrix", () => {
  it("lists every mounted /api/v1 and /api/v2 route exactly once", () => {
    const api = mastodonApi({ config: app.config, services: app.services, federation: app.federation, events: app.events, streaming: app.streaming, db: app.database.db, contextData: app.contextData });
    const mounted = new Set(api.routes.filter((r) => r.method !== "ALL" && /^\/api\/v[12]\//.test(r.path)).map((r) => `${r.method} ${r.path}`));
    const listed = ROUTES.map((r) => `${r.method} ${r.pattern}`);
    expect(new Set(listed).size).toBe(listed.length);
    expect([...mounted].filter((r) => !listed.includes(r)), "mounted routes missing from the table").toEqual([]);
    expect(listed.filter((r) => !mounted.has(r)), "table rows that are not mounted").toEqual([]);
  });

  for (const route of ROUTES) {
    it(`${route.method} ${route.pattern}: ${route.guard.kind}${"scope" in route.guard ? ` ${route.guard.scope}` : ""}`, async () => {
      const path = concretePath(route);
      const { guard } = route;
      const anonymous = await answer(await call(route.method, path, null));
      if (guard.kind === "public" || guard.kind === "opt") {
        expect(anonymous.status).not.toBe(401);
        expect(anonymous.status).not.toBe(403);
      } else {
        expect(anonymous).toEqual({ status: 401, body: INVALID_TOKEN });
      }
      if (guard.kind === "stream") {
        // Mastodon's streaming server answers a missing scope with 401, unlike the REST API.
        expect(await answer(await call(route.method, path, tokenLacking(guard.scope)))).toEqual({ status: 401, body: { error: STREAM_SCOPE_REFUSAL } });
      }
      if (guard.kind === "user" || guard.kind === "app" || guard.kind === "opt" || guard.kind === "staff") {
        expect(await answer(await call(route.method, path, tokenLacking(guard.scope)))).toEqual({ status: 403, body: OUTSIDE_SCOPES });
      }
      if (guard.kind === "staff") {
        // The scope without the role: Mastodon's 403 for someone who is not staff.
        expect(await answer(await call(route.method, path, await tokenWith(guard.scope)))).toEqual({ status: 403, body: NOT_ALLOWED });
        const enough = await answer(await call(route.method, path, await tokenWith(guard.scope, ownerId)));
        expect(enough.status, `${route.method} ${path} as staff with ${guard.scope}`).not.toBe(401);
        expect([OUTSIDE_SCOPES, NOT_ALLOWED], `${route.method} ${path} as staff with ${guard.scope}`).not.toContainEqual(enough.body);
      }
      if (guard.kind === "user" || guard.kind === "app" || guard.kind === "opt" || guard.kind === "stream") {
        // With just the scope, the guard lets the request through (whatever the handler makes of its dummy ids).
        const enough = await answer(await call(route.method, path, await tokenWith(guard.scope)));
        expect(enough.status, `${route.method} ${path} with ${guard.scope}`).not.toBe(401);
        expect(enough.body, `${route.method} ${path} with ${guard.scope}`).not.toEqual(OUTSIDE_SCOPES);
      }
      if (guard.kind === "user" || guard.kind === "staff") {
        const app = guard.kind === "staff" ? adminAppToken : appToken;
        expect(await answer(await call(route.method, path, app))).toEqual({ status: 422, body: NEEDS_USER });
      }
    });
  }
});

describe("a followers-only status of a stranger", () => {
  // Bodies that would be valid for a visible status, so only visibility can refuse.
  const BODIES: Record<string, unknown> = {
    "PUT /api/v1/statuses/:id": { status: "edited" },
    "POST /api/v1/statuses/:id/reblog": { visibility: "public" },
  };
  const statusRoutes = ROUTES.filter((r) => r.pattern.startsWith("/api/v1/statuses/:id"));

  it("is there for those who may see it (the control)", async () => {
    expect((await call("GET", `/api/v1/statuses/${visibleStatusId}`, userToken)).status).toBe(200);
    expect((await call("GET", `/api/v1/statuses/${hidden.statusId}`, null)).status).toBe(404);
  });

  for (const route of statusRoutes) {
    it(`is not found by ${route.method} ${route.pattern}`, async () => {
      const path = route.pattern.replace(":id", hidden.statusId);
      const body = BODIES[`${route.method} ${route.pattern}`];
      expect(await answer(await call(route.method, path, userToken, body))).toEqual({ status: 404, body: NOT_FOUND });
    });
  }

  it("is not found as the parent of a reply, now or scheduled", async () => {
    const reply = { status: "a reply", in_reply_to_id: hidden.statusId };
    expect(await answer(await call("POST", "/api/v1/statuses", userToken, reply))).toEqual({ status: 404, body: NOT_FOUND });
    const later = { ...reply, scheduled_at: new Date(Date.now() + 3_600_000).toISOString() };
    expect(await answer(await call("POST", "/api/v1/statuses", userToken, later))).toEqual({ status: 404, body: NOT_FOUND });
  });

  it("hides its poll", async () => {
    expect(await answer(await call("GET", `/api/v1/polls/${hidden.pollId}`, userToken))).toEqual({ status: 404, body: NOT_FOUND });
    expect(await answer(await call("POST", `/api/v1/polls/${hidden.pollId}/votes`, userToken, { choices: [0] }))).toEqual({ status: 404, body: NOT_FOUND });
  });

  it("cannot be added to a filter", async () => {
    expect(await answer(await call("POST", `/api/v2/filters/${filterId}/statuses`, userToken, { status_id: hidden.statusId }))).toEqual({ status: 404, body: NOT_FOUND });
  });
});
