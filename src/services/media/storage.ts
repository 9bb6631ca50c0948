// Where media files live. Services speak to the MediaStorage interface only,
// so an object store can replace the local directory later; the local one
// writes each file atomically (temp file, then rename) under the data dir and
// Parley serves it under /media/ (src/web/media-files.ts).
import { randomBytes } from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rename, rm, rmdir, stat, writeFile } from "node:fs/promises";
import { dirname, join, resolve, sep } from "node:path";
import { Readable } from "node:stream";
import type { MediaFileStyle } from "../../../db/schema/media.ts";

/** The file formats Parley writes, by extension. */
export const MEDIA_TYPES = { jpg: "image/jpeg", png: "image/png", webp: "image/webp" } as const;
export type MediaExtension = keyof typeof MEDIA_TYPES;

/** A stored file found for serving; its bytes are read only when streamed. */
export interface StoredFile {
  size: number;
  stream(): ReadableStream<Uint8Array>;
}

export interface MediaStorage {
  /** Writes bytes under key, whole or not at all. */
  put(key: string, bytes: Uint8Array): Promise<void>;
  /** Finds a stored file; null when there is none. */
  open(key: string): Promise<StoredFile | null>;
  /** Removes a file; removing a missing one is not an error. */
  delete(key: string): Promise<void>;
  /** The public URL clients and remote servers fetch the file from. */
  urlOf(key: string): string;
}

// "ab/ab12…(32 hex)/small.jpg": a random 128-bit name, one folder per
// upload, 256 top-level folders. Nothing a client sends becomes a path.
const KEY = /^([0-9a-f]{2})\/\1[0-9a-f]{30}\/(original|small|thumbnail|avatar|header)\.(jpg|png|webp)$/;

/** A fresh random name for the files of one upload; pass it to mediaKey. */
export function newMediaToken(): string {
  return randomBytes(16).toString("hex");
}

/** The key of one style of an upload. */
export function mediaKey(token: string, style: MediaFileStyle, ext: MediaExtension): string {
  return `${token.slice(0, 2)}/${token}/${style}.${ext}`;
}

/** Whether a string is a key Parley could have made (checked before touching the disk). */
export function isMediaKey(key: string): boolean {
  return KEY.test(key);
}

/** The media type of a key, from its extension. */
export function mediaTypeOfKey(key: string): string {
  return MEDIA_TYPES[key.slice(key.lastIndexOf(".") + 1) as MediaExtension];
}

/** Files in `root` (config.dataDir + "/media"), served at `origin`/media/. */
export function localMediaStorage(root: string, origin: URL): MediaStorage {
  const base = resolve(root);
  const pathOf = (key: string): string => {
    const path = join(base, key);
    if (!isMediaKey(key) || !path.startsWith(base + sep)) throw new Error(`Not a media key: ${key}`);
    return path;
  };
  return {
    async put(key, bytes) {
      const path = pathOf(key);
      await mkdir(dirname(path), { recursive: true });
      const temp = `${path}.${randomBytes(6).toString("hex")}.tmp`;
      try {
        await writeFile(temp, bytes, { flush: true });
        await rename(temp, path);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
    },
    async open(key) {
      if (!isMediaKey(key)) return null;
      const path = pathOf(key);
      const info = await stat(path).catch(() => null);
      if (!info?.isFile()) return null;
      return { size: info.size, stream: () => Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array> };
    },
    async delete(key) {
      const path = pathOf(key);
      await rm(path, { force: true });
      // The upload's folder goes with its last file.
      await rmdir(dirname(path)).catch(() => undefined);
    },
    urlOf: (key) => new URL(`/media/${key}`, origin).href,
  };
}
