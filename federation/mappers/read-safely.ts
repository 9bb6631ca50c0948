// Guards for reading remote documents: one malformed property must never
// cost the whole actor or post, and a mapper must never touch the network.
import { getLogger } from "@logtape/logtape";
import type { DocumentLoader } from "@fedify/vocab";

const logger = getLogger(["parley", "federation", "mappers"]);

/** What the inbound mappers accept besides the object itself. */
export interface MapperOptions {
  /** Loader for JSON-LD contexts of embedded objects; defaults to the one the object was parsed with. */
  contextLoader?: DocumentLoader;
}

/**
 * Options for Fedify's lazy getters (getIcon, getTags, ...). References by
 * URL are not followed: a refusing loader plus suppressError makes Fedify
 * skip them, so mapping stays offline; fetching belongs to federation/resolve.
 */
export function getterOptions(options: MapperOptions, crossOrigin: "ignore" | "trust") {
  return {
    documentLoader: refuseToFetch,
    ...(options.contextLoader ? { contextLoader: options.contextLoader } : {}),
    suppressError: true,
    crossOrigin,
  };
}

const refuseToFetch: DocumentLoader = (url) => Promise.reject(new Error(`mappers do not fetch (${url})`));

/** Reads one field; if the remote data makes it throw, logs and returns the fallback. */
export async function readField<T>(objectId: URL | null, field: string, read: () => T | Promise<T>, fallback: T): Promise<T> {
  try {
    return await read();
  } catch (error) {
    logger.warn("Ignoring malformed {field} of {objectId}: {error}", { field, objectId: objectId?.href, error });
    return fallback;
  }
}

/**
 * Collects up to `limit` items of a lazy property (an async generator from
 * Fedify); a malformed item ends the collection but keeps what came before.
 */
export async function collect<T>(objectId: URL | null, field: string, items: () => AsyncIterable<T>, limit: number): Promise<T[]> {
  const result: T[] = [];
  try {
    for await (const item of items()) {
      if (result.length >= limit) break;
      result.push(item);
    }
  } catch (error) {
    logger.warn("Ignoring the rest of {field} of {objectId}: {error}", { field, objectId: objectId?.href, error });
  }
  return result;
}
