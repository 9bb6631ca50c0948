// The one table from expected failures to HTTP answers, in Mastodon's shape:
// {"error": "..."} with Mastodon's status codes (docs/adr/0004-error-model.md).
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { Failure, FailureKind } from "../../domain/result.ts";

const STATUS_OF: Record<FailureKind, ContentfulStatusCode> = {
  "not-found": 404,
  forbidden: 403,
  validation: 422,
  unprocessable: 422,
  conflict: 422,
  gone: 410,
};

/** Answers with Mastodon's error body. */
export function apiError(c: Context, status: ContentfulStatusCode, message: string): Response {
  return c.json({ error: message }, status);
}

/** Answers an expected failure from a service. */
export function failureResponse(c: Context, failure: Failure): Response {
  return apiError(c, STATUS_OF[failure.kind], failure.message);
}

/** Mastodon's answer for anything the caller may not know exists. */
export function notFound(c: Context): Response {
  return apiError(c, 404, "Record not found");
}
