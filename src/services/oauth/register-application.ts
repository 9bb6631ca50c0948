// Registers an OAuth client (POST /api/v1/apps). Mastodon only issues
// confidential clients: every app gets a secret, shown once, stored hashed.
import { type ApplicationRow, insertApplication } from "../../../db/queries/oauth-applications.ts";
import { hashSecret } from "../../../db/queries/oauth-tokens.ts";
import { parseScopes } from "../../api/mastodon/scopes.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";
import { newSecret } from "./secrets.ts";

export const OOB_REDIRECT_URI = "urn:ietf:wg:oauth:2.0:oob";

export interface NewApplication {
  name: string;
  /** A list, or one string of URIs separated by whitespace (Mastodon accepts both). */
  redirectUris: string | string[];
  /** Space-separated; "read" when absent. */
  scopes?: string | undefined;
  website?: string | null | undefined;
}

// Mastodon's limits (app/models/doorkeeper/application: APP_NAME_LIMIT and friends).
const NAME_LIMIT = 60;
const URI_LIMIT = 2000;
// Schemes a browser would run instead of navigating to: never a place to send a code.
const FORBIDDEN_SCHEMES = new Set(["javascript:", "data:", "vbscript:", "file:", "blob:", "about:"]);

/** The redirect URIs as registered, split and checked; or why they are refused. */
export function parseRedirectUris(raw: string | string[]): Result<string[]> {
  const uris = (Array.isArray(raw) ? raw : [raw]).flatMap((entry) => entry.split(/\s+/)).filter(Boolean);
  if (uris.length === 0) return fail("validation", "Validation failed: Redirect URI can't be blank");
  if (uris.join("\n").length > URI_LIMIT) return fail("validation", `Validation failed: Redirect URI is too long (maximum is ${URI_LIMIT} characters)`);
  for (const uri of uris) {
    if (uri === OOB_REDIRECT_URI) continue;
    let url: URL;
    try {
      url = new URL(uri);
    } catch {
      return fail("validation", "Validation failed: Redirect URI must be an absolute URI.");
    }
    if (FORBIDDEN_SCHEMES.has(url.protocol)) return fail("validation", "Validation failed: Redirect URI is forbidden by the server.");
    if (url.hash || uri.includes("#")) return fail("validation", "Validation failed: Redirect URI cannot contain a fragment.");
  }
  return ok([...new Set(uris)]);
}

function parseWebsite(raw: string | null | undefined): Result<string | null> {
  if (!raw?.trim()) return ok(null);
  try {
    const url = new URL(raw.trim());
    if ((url.protocol === "https:" || url.protocol === "http:") && raw.length <= URI_LIMIT) return ok(url.href);
  } catch {
    // falls through to the refusal
  }
  return fail("validation", "Validation failed: Website is invalid");
}

/** Validates and stores a new application; the plain secret is returned once and never stored. */
export async function registerApplication(deps: ServiceDeps, input: NewApplication): Promise<Result<{ application: ApplicationRow; clientSecret: string }>> {
  const name = input.name.trim();
  if (!name) return fail("validation", "Validation failed: Name can't be blank");
  if (name.length > NAME_LIMIT) return fail("validation", `Validation failed: Name is too long (maximum is ${NAME_LIMIT} characters)`);
  const redirectUris = parseRedirectUris(input.redirectUris);
  if (!redirectUris.ok) return redirectUris;
  const scopes = parseScopes(input.scopes);
  if (!scopes) return fail("validation", "Validation failed: Scopes doesn't match configured on the server.");
  const website = parseWebsite(input.website);
  if (!website.ok) return website;

  const clientSecret = newSecret();
  const application: ApplicationRow = {
    id: deps.ids.next(),
    name,
    website: website.value,
    redirect_uris: redirectUris.value.join("\n"),
    scopes: scopes.join(" "),
    client_id: newSecret(),
    client_secret_hash: hashSecret(clientSecret),
    owner_account_id: null,
    created_at: Date.now(),
    revoked_at: null,
  };
  await writeTransaction(deps, (tx) => insertApplication(tx, application));
  return ok({ application, clientSecret });
}
