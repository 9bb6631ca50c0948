// The data every Fedify callback of an instance receives: its services and
// storage. Passed as Fedify's context data, never held in module state.
import type { Context, RequestContext } from "@fedify/fedify";
import type { Db } from "../db/index.ts";
import type { LocalUris } from "../src/domain/uris.ts";
import type { Services } from "../src/services/index.ts";
import type { WebFinger } from "./fetch/webfinger.ts";

export interface ParleyContextData {
  db: Db;
  services: Services;
  uris: LocalUris;
  /** Handle lookups under the instance's fetch policy (federation/fetch/webfinger.ts). */
  webFinger: WebFinger;
}

export type ParleyContext = Context<ParleyContextData>;
export type ParleyRequestContext = RequestContext<ParleyContextData>;
