// Expected failures are values, not exceptions (docs/adr/0004-error-model.md).
// Routes and inbox handlers map a Failure's kind to an HTTP status in one table.

export type FailureKind = "not-found" | "forbidden" | "validation" | "conflict" | "gone" | "unprocessable";

export interface Failure {
  ok: false;
  kind: FailureKind;
  /** A message safe to show to the client. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | Failure;

/** Wraps a successful value. */
export function ok<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}

/** Builds an expected failure. */
export function fail(kind: FailureKind, message: string): Failure {
  return { ok: false, kind, message };
}
