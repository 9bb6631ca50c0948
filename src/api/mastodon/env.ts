// The Hono environment of the Mastodon API: what every route handler can read
// from its context (the instance's parts, and who is calling).
import type { Db } from "../../../db/index.ts";
import type { ParleyContextData } from "../../../federation/context.ts";
import type { ParleyApp } from "../../app.ts";
import type { Moderator } from "../../services/moderation/audit.ts";

/** The caller, as resolved from a bearer token. */
export interface Auth {
  /** The token's owner; null for a client_credentials token (an app acting for nobody). */
  accountId: string | null;
  applicationId: string;
  scopes: readonly string[];
  tokenId: string;
}

export type ApiDeps = Pick<ParleyApp, "config" | "services" | "federation" | "events" | "streaming"> & {
  db: Db;
  contextData: ParleyContextData;
};

export interface ApiEnv {
  Variables: {
    deps: ApiDeps;
    auth: Auth | null;
    /** The staff member behind an admin API call (set by requireStaff). */
    moderator?: Moderator;
  };
}
