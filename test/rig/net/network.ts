// The rig's private network: a global undici dispatcher that resolves the rig's
// host names (a.parley.test, ...) to loopback and trusts only the rig's CA.
// Fedify fetches through the global `fetch`, and Node's built-in fetch honours
// the dispatcher stored by undici's setGlobalDispatcher (Node 24 bundles undici
// 7 and reads the symbol `undici.globalDispatcher.1`; the undici devDependency
// is kept on 7.x so the agent stored there speaks the same Dispatcher API), so
// every WebFinger lookup, document fetch and delivery of every instance in the
// process goes through here. Names not in the map and IP literals other than
// loopback are refused, so nothing leaves the machine.
import type { LookupAddress, LookupOptions } from "node:dns";
import { isIP } from "node:net";
import { Agent, buildConnector, getGlobalDispatcher, setGlobalDispatcher } from "undici";

/** Host name (no port) -> loopback address. Mutable: add a name and the next
 * connection to it resolves, so instances can join after installation. */
export type TestHosts = Record<string, string>;

export type TestNetworkOptions = { hosts: TestHosts; caPem: string };

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** Installs the rig network as the process-wide fetch dispatcher and returns
 * a function that restores the previous dispatcher and closes this one. */
export function installTestNetwork({ hosts, caPem }: TestNetworkOptions): () => Promise<void> {
  const previous = getGlobalDispatcher();
  const connect = buildConnector({ ca: caPem, lookup: testLookup(hosts) });
  const agent = new Agent({
    // An IP literal never reaches `lookup`, so only loopback ones may connect.
    connect: (options, callback) => {
      const host = options.hostname.replace(/^\[(.*)\]$/, "$1");
      if (isIP(host) !== 0 && !isLoopback(host)) callback(refused(host), null);
      else connect(options, callback);
    },
  });
  setGlobalDispatcher(agent);
  return async () => {
    setGlobalDispatcher(previous);
    await agent.close();
  };
}

// A `net`-style lookup that answers only from `hosts` (plus `localhost`).
function testLookup(hosts: TestHosts) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    const name = hostname.toLowerCase();
    const address = name === "localhost" ? "127.0.0.1" : hosts[name];
    if (address === undefined || !isLoopback(address)) {
      callback(refused(hostname), "");
      return;
    }
    const family = isIP(address);
    // net.connect asks for `all` when autoSelectFamily is on (the default since Node 20).
    if (options.all) callback(null, [{ address, family }]);
    else callback(null, address, family);
  };
}

function refused(host: string): NodeJS.ErrnoException {
  const error: NodeJS.ErrnoException = new Error(`test network: ${host} is not a rig host on loopback (refused)`);
  error.code = "ENOTFOUND";
  return error;
}

function isLoopback(address: string): boolean {
  return address === "::1" || (isIP(address) === 4 && address.startsWith("127."));
}
