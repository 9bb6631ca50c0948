// Avatars and headers of local accounts: cropped to Mastodon's geometry and
// stored like attachments. The accounts service writes the returned URL to
// the account; a file no account shows is removed by cleanup after a day.
import { fail, ok, type Result } from "../../domain/result.ts";
import type { ServiceDeps } from "../context.ts";
import { processCroppedImage } from "./process-image.ts";
import { newMediaToken } from "./storage.ts";
import { storeRenditions } from "./stored-files.ts";

// Mastodon's Account::Avatar and Account::Header: 400x400 and 1500x500 crops, 8 MB with libvips.
const SIZES = { avatar: { width: 400, height: 400 }, header: { width: 1500, height: 500 } } as const;
export const MAX_PROFILE_IMAGE_BYTES = 8 * 1024 * 1024;

/** Crops and stores an avatar or header image; returns its public URL. */
export async function processProfileImage(deps: ServiceDeps, bytes: Uint8Array, kind: "avatar" | "header"): Promise<Result<{ url: string }>> {
  const name = kind === "avatar" ? "Avatar" : "Header";
  if (bytes.byteLength > MAX_PROFILE_IMAGE_BYTES) return fail("validation", `Validation failed: ${name} file size must be less than 8 MB`);
  const image = await processCroppedImage(bytes, SIZES[kind]);
  if (!image.ok) return fail(image.kind, image.message.replace(/\bFile\b/, name));
  const [file] = await storeRenditions(deps, newMediaToken(), [{ style: kind, rendition: image.value }]);
  return ok({ url: file!.url });
}
