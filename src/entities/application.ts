// OAuth applications as Mastodon's Application and CredentialApplication.
import type { ApplicationRow } from "../../db/queries/oauth-applications.ts";

export interface ApplicationEntity {
  id: string;
  name: string;
  website: string | null;
  scopes: string[];
  /** Deprecated by Mastodon 4.3 but still read by clients: the URIs joined with newlines. */
  redirect_uri: string;
  redirect_uris: string[];
  /** Empty until Web Push exists (Mastodon deprecated it in favour of the instance's key). */
  vapid_key: string;
}

export interface CredentialApplicationEntity extends ApplicationEntity {
  client_id: string;
  client_secret: string;
  /** 0: secrets do not expire (Mastodon 4.4). */
  client_secret_expires_at: number;
}

/** Serializes an application (GET /api/v1/apps/verify_credentials). */
export function serializeApplication(application: ApplicationRow): ApplicationEntity {
  const uris = application.redirect_uris.split("\n").filter(Boolean);
  return {
    id: application.id,
    name: application.name,
    website: application.website,
    scopes: application.scopes.split(" "),
    redirect_uri: uris.join("\n"),
    redirect_uris: uris,
    vapid_key: "",
  };
}

/** Serializes a newly registered application with its credentials; the secret is only ever shown here. */
export function serializeCredentialApplication(application: ApplicationRow, clientSecret: string): CredentialApplicationEntity {
  return { ...serializeApplication(application), client_id: application.client_id, client_secret: clientSecret, client_secret_expires_at: 0 };
}
