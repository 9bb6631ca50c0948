// /api/v1/accounts/verify_credentials and update_credentials: the signed-in
// user's own account, with its source and settings; avatar and header come
// as multipart files.
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { type AccountRow, findAccountById } from "../../../../db/queries/accounts.ts";
import { findCredentialFacts } from "../../../../db/queries/user-settings.ts";
import { serializeCredentialAccount } from "../../../entities/account.ts";
import type { CredentialsInput } from "../../../services/accounts/update-credentials.ts";
import { MAX_PROFILE_IMAGE_BYTES } from "../../../services/media/profile-image.ts";
import { parseParams } from "../body.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { apiError, failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { flag, visibility } from "../params.ts";

const field = z.object({ name: z.string().default(""), value: z.string().default("") });

// fields_attributes come as a JSON array or, from forms, as fields_attributes[0][name]=...
const fieldsAttributes = z
  .union([z.array(field), z.record(z.string(), field)])
  .transform((v) => (Array.isArray(v) ? v : Object.entries(v).sort(([a], [b]) => Number(a) - Number(b)).map(([, f]) => f)));

// Some clients send an empty string for "no new image".
const image = z.preprocess((v) => (v === "" ? undefined : v), z.instanceof(File).optional());

const updateSchema = z.object({
  avatar: image,
  header: image,
  display_name: z.string().optional(),
  note: z.string().optional(),
  locked: flag.optional(),
  bot: flag.optional(),
  discoverable: flag.optional(),
  fields_attributes: fieldsAttributes.optional(),
  source: z
    .object({ privacy: visibility.optional(), sensitive: flag.optional(), language: z.string().nullable().optional() })
    .optional(),
});

/** Refuses bodies larger than an avatar and a header before they are read. */
export const profileImagesLimit = () =>
  bodyLimit({
    maxSize: 2 * MAX_PROFILE_IMAGE_BYTES + 1024 * 1024,
    onError: (c) => apiError(c, 422, "Validation failed: Avatar and header must each be less than 8 MB"),
  });

/** Reads update_credentials' parameters (PATCH /api/v1/profile takes the same) as the service's input. */
export async function readProfileInput(c: Context<ApiEnv>): Promise<{ ok: true; value: CredentialsInput } | { ok: false; response: Response }> {
  const parsed = await parseParams(c, updateSchema);
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  return {
    ok: true,
    value: {
      ...(p.display_name !== undefined ? { displayName: p.display_name } : {}),
      ...(p.note !== undefined ? { note: p.note } : {}),
      ...(p.fields_attributes !== undefined ? { fields: p.fields_attributes } : {}),
      ...(p.locked !== undefined ? { locked: p.locked } : {}),
      ...(p.bot !== undefined ? { bot: p.bot } : {}),
      ...(p.discoverable !== undefined ? { discoverable: p.discoverable } : {}),
      ...(p.avatar ? { avatar: new Uint8Array(await p.avatar.arrayBuffer()) } : {}),
      ...(p.header ? { header: new Uint8Array(await p.header.arrayBuffer()) } : {}),
      ...(p.source?.privacy !== undefined ? { privacy: p.source.privacy } : {}),
      ...(p.source?.sensitive !== undefined ? { sensitive: p.source.sensitive } : {}),
      ...(p.source?.language !== undefined ? { language: p.source.language } : {}),
    },
  };
}

/** Answers with the caller's CredentialAccount. */
export async function respondWithCredentials(c: Context<ApiEnv>, account: AccountRow): Promise<Response> {
  const facts = await findCredentialFacts(c.var.deps.db, account.id);
  if (!facts) return notFound(c);
  return c.json(serializeCredentialAccount(entityContext(c), account, {
    role: facts.role,
    followRequestsCount: facts.followRequestsCount,
    privacy: facts.settings.default_privacy,
    sensitive: facts.settings.default_sensitive === 1,
    language: facts.settings.default_language,
  }));
}

/** Credential routes. */
export function accountsCredentialsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/verify_credentials", requireUser("read:accounts", "profile"), async (c) => {
    const account = await findAccountById(c.var.deps.db, viewerId(c));
    return account ? respondWithCredentials(c, account) : notFound(c);
  });

  routes.patch("/update_credentials", requireUser("write:accounts"), profileImagesLimit(), async (c) => {
    const input = await readProfileInput(c);
    if (!input.ok) return input.response;
    const updated = await c.var.deps.services.updateCredentials(viewerId(c), input.value);
    return updated.ok ? respondWithCredentials(c, updated.value) : failureResponse(c, updated);
  });

  return routes;
}
