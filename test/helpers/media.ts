// Media test helpers: images made with sharp at test time, an instance with
// its own data dir (so uploads land in a temp folder), multipart requests,
// and a listing of what is stored on disk.
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import sharp from "sharp";
import type { Config } from "../../src/config.ts";
import { startTestApp } from "./app.ts";

/** A solid PNG of the given size. */
export function makePng(width: number, height: number, color = "#3366cc"): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: color } }).png().toBuffer();
}

/** A 300x200 JPEG whose EXIF says "rotate 90°" (orientation 6) and carries a camera name and a GPS position. */
export function makeJpegWithExif(): Promise<Buffer> {
  return sharp({ create: { width: 300, height: 200, channels: 3, background: "#cc3333" } })
    .jpeg()
    .withExif({
      IFD0: { Make: "ParleyCam", Model: "Secret Model" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 2440/100", GPSLongitudeRef: "E", GPSLongitude: "2/1 17/1 4000/100" },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

export type MediaTestApp = Awaited<ReturnType<typeof startTestApp>> & { dataDir: string };

/** A test instance whose media go to a fresh temp folder (removed by dispose). */
export async function startMediaTestApp(origin: string, overrides: Partial<Config> = {}): Promise<MediaTestApp> {
  const dataDir = mkdtempSync(join(tmpdir(), "parley-media-"));
  const app = await startTestApp(origin, { dataDir, ...overrides });
  const dispose = app.dispose.bind(app);
  return Object.assign(app, {
    dataDir,
    async dispose() {
      await dispose();
      rmSync(dataDir, { recursive: true, force: true });
    },
  });
}

/** A multipart body: Buffers become files, strings stay fields. */
export function multipart(fields: Record<string, Buffer | string>): FormData {
  const form = new FormData();
  for (const [name, value] of Object.entries(fields)) {
    if (typeof value === "string") form.append(name, value);
    else form.append(name, new Blob([new Uint8Array(value)]), `${name}.bin`);
  }
  return form;
}

/** Paths (relative to dataDir/media) of every stored file. */
export function storedFiles(dataDir: string): string[] {
  const root = join(dataDir, "media");
  try {
    return readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(root, join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return [];
  }
}
