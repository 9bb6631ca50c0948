// Who is streaming, for both transports (SSE and WebSocket): a working user
// token (Mastodon 4.2 ended anonymous and app-token streaming), its scopes,
// and the scope check a subscription needs.
import type { Db } from "../../../../db/index.ts";
import { findActiveToken } from "../../../../db/queries/oauth-tokens.ts";
import { fail, type FailureKind, type Result } from "../../../domain/result.ts";
import type { StreamSession, StreamViewer } from "../../../services/streaming/hub.ts";
import { type Stream, streamScope } from "../../../services/streaming/streams.ts";
import { hasScope } from "../scopes.ts";

export interface StreamCaller {
  viewer: StreamViewer;
  scopes: readonly string[];
}

/** The caller of a bearer token; null without one, or for a bad or app-only token. */
export async function streamCallerOf(db: Db, bearer: string | null | undefined): Promise<StreamCaller | null> {
  if (!bearer) return null;
  const token = await findActiveToken(db, bearer);
  if (!token?.account_id) return null;
  return callerFrom({ accountId: token.account_id, tokenId: token.id, scopes: token.scopes.split(" ") });
}

/** A caller from what the API's authentication already resolved. */
export function callerFrom(auth: { accountId: string; tokenId: string; scopes: readonly string[] }): StreamCaller {
  return {
    viewer: { accountId: auth.accountId, tokenId: auth.tokenId, readsNotifications: hasScope(auth.scopes, "read:notifications") },
    scopes: auth.scopes,
  };
}

/** Subscribes after checking the scope the stream needs ("read" covers every stream). */
export function subscribeAs(caller: StreamCaller, session: StreamSession, stream: Stream): Promise<Result<void>> {
  if (!hasScope(caller.scopes, streamScope(stream.name))) return Promise.resolve(fail("forbidden", STREAM_SCOPE_REFUSAL));
  return session.subscribe(stream);
}

/** Mastodon's streaming server words a token without the stream's scope so (checkScopes). */
export const STREAM_SCOPE_REFUSAL = "Access token does not have the required scopes";

/**
 * HTTP status of a refused subscription: Mastodon answers a bad stream name or a
 * missing tag with 400, and a token without the scope with 401 (its streaming
 * server treats it as an authentication error, unlike the REST API's 403).
 */
export const STREAM_FAILURE_STATUS: Record<FailureKind, 400 | 401 | 404 | 422 | 410> = {
  validation: 400,
  unprocessable: 400,
  conflict: 400,
  forbidden: 401,
  "not-found": 404,
  gone: 410,
};
