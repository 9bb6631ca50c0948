// Test support: the shared corpus of real ActivityPub documents
// (../shared/fixtures/activitypub beside the repository), parsed offline.
import { readFileSync } from "node:fs";
import path from "node:path";
import { type DocumentLoader, Object as APObject } from "@fedify/vocab";
import { preloadedContexts } from "@fedify/vocab-runtime";
import { withDefaultContext } from "../default-context.ts";

const repoRoot = path.resolve(import.meta.dirname, "../../..");
export const FIXTURES_ROOT = path.resolve(repoRoot, "../shared/fixtures/activitypub");

/** One entry of the corpus' index.json. */
export interface FixtureEntry {
  file: string;
  platform: string;
  kind: "actor" | "object" | "activity" | "collection";
  type: string;
  variations: string[];
}

/** Every fixture the corpus lists. */
export function fixtureEntries(): FixtureEntry[] {
  const index = JSON.parse(readFileSync(path.join(FIXTURES_ROOT, "index.json"), "utf8")) as { files: FixtureEntry[] };
  return index.files;
}

/** A fixture's JSON, as a server would have received it. */
export function readFixture(file: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES_ROOT, file), "utf8"));
}

/**
 * Contexts Fedify ships (ActivityStreams, security, ...) are served from
 * memory, then the given stand-ins; any other context URL (Pleroma's litepub,
 * Mbin's, Kroeg's) is an empty context, so nothing touches the network.
 */
export function contextLoaderWith(standIns: (url: string) => unknown = () => undefined): DocumentLoader {
  return (url) =>
    Promise.resolve({
      contextUrl: null,
      documentUrl: url,
      document: preloadedContexts[url] ?? standIns(url) ?? { "@context": {} },
    });
}

/** The offline context loader without stand-ins. */
export const offlineContextLoader: DocumentLoader = contextLoaderWith();

/** A document loader that fetches nothing. */
export const noDocumentLoader: DocumentLoader = (url) => Promise.reject(new Error(`offline: ${url}`));

/** Parses a document as Parley would: default contexts first, then Fedify's generic parser. */
export function parseDocument(json: unknown, contextLoader: DocumentLoader = offlineContextLoader): Promise<APObject> {
  return APObject.fromJsonLd(withDefaultContext(json), { documentLoader: noDocumentLoader, contextLoader });
}

/** Parses a fixture file. */
export function parseFixture(file: string, contextLoader: DocumentLoader = offlineContextLoader): Promise<APObject> {
  return parseDocument(readFixture(file), contextLoader);
}
