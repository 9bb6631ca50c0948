// Push endpoints are URLs that users hand us and that we then POST to: checked
// when subscribing (an https URL; http only where private addresses are
// allowed, i.e. tests) and again before each delivery (the name must resolve
// to public addresses: no loopback, private or link-local targets), with the
// same rule Fedify applies to federation fetches.
import { validatePublicUrl } from "@fedify/vocab-runtime";

/** Whether a URL may be stored as an endpoint. */
export function isAcceptableEndpoint(endpoint: string, allowPrivateAddress: boolean): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  return url.protocol === "https:" || (allowPrivateAddress && url.protocol === "http:");
}

/** Throws unless the endpoint may be reached now (its host resolves to public addresses only). */
export async function assertReachableEndpoint(endpoint: string, allowPrivateAddress: boolean): Promise<void> {
  if (!isAcceptableEndpoint(endpoint, allowPrivateAddress)) throw new Error(`Refusing push endpoint ${endpoint}`);
  if (!allowPrivateAddress) await validatePublicUrl(endpoint);
}
