// Image processing with sharp: decode once, auto-orient, bound the size,
// re-encode without any metadata (EXIF, GPS, XMP, ICC), and derive a preview
// and a blurhash. Sizes follow Mastodon's MediaAttachment IMAGE_STYLES.
import { encode } from "blurhash";
import sharp, { type Sharp } from "sharp";
import { fail, ok, type Result } from "../../domain/result.ts";
import type { MediaExtension } from "./storage.ts";

/** Mastodon's IMAGE_LIMIT: larger image uploads are refused. */
export const MAX_IMAGE_BYTES = 16 * 1024 * 1024;
// Mastodon's styles: original at most 3840x2160 worth of pixels, small 640x360.
const ORIGINAL_PIXELS = 8_294_400;
const SMALL_PIXELS = 230_400;
// Decompression bombs: a small file may claim a huge canvas; refuse before decoding it.
const MAX_INPUT_PIXELS = 100_000_000;
// Mastodon's BLURHASH_OPTIONS (4x4 components), computed on a tiny copy.
const BLURHASH_COMPONENTS = 4;
const BLURHASH_SOURCE = 32;

export const UNVERIFIED = "File type of uploaded media could not be verified";

/** One encoded rendition. */
export interface Rendition {
  bytes: Buffer;
  width: number;
  height: number;
  ext: MediaExtension;
}

export interface ProcessedImage {
  original: Rendition;
  small: Rendition;
  blurhash: string;
}

// What each accepted input becomes. GIF keeps only its first frame (PNG);
// AVIF becomes JPEG, as Mastodon converts HEIC/HEIF/AVIF for compatibility.
const OUTPUT: Record<string, MediaExtension> = { jpeg: "jpg", png: "png", webp: "webp", gif: "png", heif: "jpg" };

interface Source {
  /** The decoded, oriented image, resized to width x height. */
  pipeline: () => Sharp;
  width: number;
  height: number;
  ext: MediaExtension;
}

/** Width and height scaled down to at most `pixels` pixels, aspect kept. */
function fitArea(width: number, height: number, pixels: number): { width: number; height: number } {
  if (width * height <= pixels) return { width, height };
  const scale = Math.sqrt(pixels / (width * height));
  return { width: Math.max(1, Math.floor(width * scale)), height: Math.max(1, Math.floor(height * scale)) };
}

async function identify(bytes: Uint8Array): Promise<Result<{ ext: MediaExtension; width: number; height: number }>> {
  const meta = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS }).metadata().catch(() => null);
  if (!meta) return fail("unprocessable", UNVERIFIED);
  const ext = OUTPUT[meta.format];
  // The HEIF decoder sharp ships reads AV1 (AVIF) only; HEVC (HEIC) is patent-encumbered.
  if (!ext || (meta.format === "heif" && meta.compression !== "av1")) return fail("unprocessable", "Validation failed: File content type is invalid");
  const { width, height } = meta.autoOrient;
  if (!width || !height || width * height > MAX_INPUT_PIXELS) return fail("unprocessable", "Validation failed: File dimensions are too large");
  return ok({ ext, width, height });
}

function encodeAs(image: Sharp, ext: MediaExtension): Sharp {
  switch (ext) {
    case "jpg": return image.flatten({ background: "#ffffff" }).jpeg({ quality: 90 });
    case "png": return image.png();
    case "webp": return image.webp({ quality: 90 });
  }
}

async function render(source: Source, size: { width: number; height: number }): Promise<Rendition> {
  const { data, info } = await encodeAs(source.pipeline().resize(size.width, size.height, { fit: "fill" }), source.ext)
    .toBuffer({ resolveWithObject: true });
  return { bytes: data, width: info.width, height: info.height, ext: source.ext };
}

async function blurhashOf(source: Source): Promise<string> {
  const tiny = fitArea(source.width, source.height, BLURHASH_SOURCE * BLURHASH_SOURCE);
  const { data, info } = await source.pipeline().resize(tiny.width, tiny.height, { fit: "fill" }).ensureAlpha().raw()
    .toBuffer({ resolveWithObject: true });
  return encode(new Uint8ClampedArray(data), info.width, info.height, BLURHASH_COMPONENTS, BLURHASH_COMPONENTS);
}

/** Decodes once into raw pixels bounded to `pixels`, so every rendition starts from memory. */
async function decode(bytes: Uint8Array, pixels: number): Promise<Result<Source>> {
  const identified = await identify(bytes);
  if (!identified.ok) return identified;
  const bounded = fitArea(identified.value.width, identified.value.height, pixels);
  const decoded = await sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" })
    .autoOrient()
    .resize(bounded.width, bounded.height, { fit: "fill" })
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => null);
  if (!decoded) return fail("unprocessable", UNVERIFIED);
  const { data, info } = decoded;
  const raw = { width: info.width, height: info.height, channels: info.channels };
  return ok({ pipeline: () => sharp(data, { raw }), width: info.width, height: info.height, ext: identified.value.ext });
}

/** An uploaded attachment: original (bounded), small preview and blurhash; corrupt or unsupported files fail. */
export async function processAttachmentImage(bytes: Uint8Array): Promise<Result<ProcessedImage>> {
  const source = await decode(bytes, ORIGINAL_PIXELS);
  if (!source.ok) return source;
  const image = source.value;
  const [original, small, blurhash] = await Promise.all([
    render(image, image),
    render(image, fitArea(image.width, image.height, SMALL_PIXELS)),
    blurhashOf(image),
  ]);
  return ok({ original, small, blurhash });
}

/** A custom thumbnail (preview) of an attachment, bounded as Mastodon's. */
export async function processThumbnail(bytes: Uint8Array): Promise<Result<Rendition>> {
  const source = await decode(bytes, SMALL_PIXELS);
  return source.ok ? ok(await render(source.value, source.value)) : source;
}

/** An image cropped to exactly width x height around its centre (avatars, headers). */
export async function processCroppedImage(bytes: Uint8Array, size: { width: number; height: number }): Promise<Result<Rendition>> {
  const identified = await identify(bytes);
  if (!identified.ok) return identified;
  const cropped = await encodeAs(
    sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: "error" }).autoOrient().resize(size.width, size.height, { fit: "cover", position: "centre" }),
    identified.value.ext,
  ).toBuffer({ resolveWithObject: true }).catch(() => null);
  if (!cropped) return fail("unprocessable", UNVERIFIED);
  return ok({ bytes: cropped.data, width: cropped.info.width, height: cropped.info.height, ext: identified.value.ext });
}
