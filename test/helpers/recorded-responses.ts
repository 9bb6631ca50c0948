// Client libraries turn the JSON they receive into their own shapes (masto
// camel-cases every key), so the contract is checked on the wire: this wraps
// the global fetch and keeps the JSON body of every answer from one origin.
// Record before making a client's first request, and restore at the end.
export interface RecordedResponse {
  method: string;
  /** Path and query. */
  path: string;
  status: number;
  headers: Headers;
  json: unknown;
}

export interface ResponseRecorder {
  responses: RecordedResponse[];
  /** The last answer whose method and path match (the path as a string prefix or a pattern). */
  last(method: string, path: string | RegExp): RecordedResponse;
  /** Puts the original fetch back. */
  restore(): void;
}

/** Records the JSON answers to requests sent with the global fetch to `origin`. */
export function recordResponses(origin: string): ResponseRecorder {
  const original = globalThis.fetch;
  const responses: RecordedResponse[] = [];
  globalThis.fetch = async (input, init) => {
    const request = new Request(input, init);
    const response = await original(request);
    const url = new URL(request.url);
    if (url.origin === origin && response.headers.get("Content-Type")?.includes("application/json")) {
      const json: unknown = await response.clone().json().catch(() => undefined);
      responses.push({ method: request.method, path: `${url.pathname}${url.search}`, status: response.status, headers: response.headers, json });
    }
    // @hono/node-server (serving the instances in this process) replaces the global Response with
    // its own class, of which fetch's answers are no instances; masto tells HTTP errors from other
    // failures with `instanceof Response`, so the answer is handed on as one of the current class.
    return new Response(response.body, response);
  };
  return {
    responses,
    last(method, path) {
      const matches = (p: string) => (typeof path === "string" ? p.startsWith(path) : path.test(p));
      const found = responses.findLast((r) => r.method === method && matches(r.path));
      if (!found) throw new Error(`no recorded ${method} ${path}`);
      return found;
    },
    restore() {
      globalThis.fetch = original;
    },
  };
}
