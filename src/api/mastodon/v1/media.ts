// /api/v1/media: upload (deprecated v1, same as v2 for images), read, update
// and delete one's own uploads before they are attached to a status.
// Mastodon's Api::V1::MediaController: write:media for every method, and
// another user's media does not exist (404).
import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { z } from "zod";
import { isId } from "../../../domain/ids.ts";
import { serializeMediaAttachment } from "../../../entities/media-attachment.ts";
import { MAX_IMAGE_BYTES } from "../../../services/media/process-image.ts";
import { parseParams } from "../body.ts";
import type { ApiEnv } from "../env.ts";
import { apiError, failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";

const TOO_LARGE = `Validation failed: File file size must be less than ${MAX_IMAGE_BYTES / 1024 / 1024} MB`;

/** Mastodon's focus parameter: "x,y", each from -1.0 to 1.0. */
const focus = z.string().transform((raw, ctx) => {
  const [x, y, ...rest] = raw.split(",").map((part) => Number(part.trim()));
  if (rest.length === 0 && x !== undefined && y !== undefined && [x, y].every((n) => Number.isFinite(n) && n >= -1 && n <= 1)) return { x, y };
  ctx.addIssue({ code: "custom", message: "must be two numbers from -1.0 to 1.0, as x,y" });
  return z.NEVER;
});
// Some clients send an empty string for "no thumbnail".
const optionalFile = z.preprocess((v) => (v === "" ? undefined : v), z.instanceof(File).optional());

const updateSchema = z.object({
  description: z.string().optional(),
  focus: focus.optional(),
  thumbnail: optionalFile,
});
const uploadSchema = updateSchema.extend({ file: z.instanceof(File, { message: "File can't be blank" }) });

async function bytesOf(file: File | undefined): Promise<Uint8Array | null> {
  return file ? new Uint8Array(await file.arrayBuffer()) : null;
}

/** Refuses bodies larger than a file and a thumbnail before they are read. */
const uploadLimit = () =>
  bodyLimit({ maxSize: 2 * MAX_IMAGE_BYTES + 1024 * 1024, onError: (c) => apiError(c, 422, TOO_LARGE) });

const mediaId = (c: Context<ApiEnv>): string | null => (isId(c.req.param("id") ?? "") ? c.req.param("id")! : null);

/**
 * Adds POST / (upload) to a router; v1 and v2 share it. Images are processed
 * within the request, so both answer 200 with the URL set, as Mastodon 4 does
 * for images (v2's 202 is for media processed in the background).
 */
export function addUploadRoute(routes: Hono<ApiEnv>): void {
  routes.post("/", requireUser("write:media"), uploadLimit(), async (c) => {
    const parsed = await parseParams(c, uploadSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const created = await c.var.deps.services.uploadMedia({
      accountId: viewerId(c),
      file: (await bytesOf(p.file))!,
      thumbnail: await bytesOf(p.thumbnail),
      description: p.description ?? null,
      focus: p.focus ?? null,
    });
    return created.ok ? c.json(serializeMediaAttachment(created.value)) : failureResponse(c, created);
  });
}

/** Media routes (v1). */
export function mediaRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();
  addUploadRoute(routes);

  routes.get("/:id", requireUser("write:media"), async (c) => {
    const id = mediaId(c);
    const found = id ? await c.var.deps.services.findPendingMedia(viewerId(c), id) : null;
    return found?.ok ? c.json(serializeMediaAttachment(found.value)) : notFound(c);
  });

  routes.put("/:id", requireUser("write:media"), uploadLimit(), async (c) => {
    const id = mediaId(c);
    if (!id) return notFound(c);
    const parsed = await parseParams(c, updateSchema);
    if (!parsed.ok) return parsed.response;
    const p = parsed.value;
    const updated = await c.var.deps.services.updateMedia({
      accountId: viewerId(c),
      mediaId: id,
      ...(p.description !== undefined ? { description: p.description } : {}),
      focus: p.focus ?? null,
      thumbnail: await bytesOf(p.thumbnail),
    });
    return updated.ok ? c.json(serializeMediaAttachment(updated.value)) : failureResponse(c, updated);
  });

  routes.delete("/:id", requireUser("write:media"), async (c) => {
    const id = mediaId(c);
    if (!id) return notFound(c);
    const deleted = await c.var.deps.services.deleteMedia({ accountId: viewerId(c), mediaId: id });
    return deleted.ok ? c.json({}) : failureResponse(c, deleted);
  });

  return routes;
}
