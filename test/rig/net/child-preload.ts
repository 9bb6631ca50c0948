// Installs the rig network in a child process (a Parley instance the durability
// test can kill -9), before its own code runs:
//   node --import ./test/rig/net/child-preload.ts src/main.ts serve
// The parent passes the network through the environment:
//   PARLEY_RIG_CA_FILE  path of the rig CA certificate (PEM)
//   PARLEY_RIG_HOSTS    JSON object, host name -> loopback address
import { readFileSync } from "node:fs";
import { installTestNetwork } from "./network.ts";

const caFile = process.env.PARLEY_RIG_CA_FILE;
const hostsJson = process.env.PARLEY_RIG_HOSTS;
if (!caFile || !hostsJson) {
  throw new Error("child-preload needs PARLEY_RIG_CA_FILE and PARLEY_RIG_HOSTS");
}
const hosts: unknown = JSON.parse(hostsJson);
if (typeof hosts !== "object" || hosts === null || Array.isArray(hosts)
  || !Object.values(hosts).every((address) => typeof address === "string")) {
  throw new Error(`PARLEY_RIG_HOSTS must be a JSON object of host name -> address, got ${hostsJson}`);
}
// Never uninstalled: the network lives as long as the child.
installTestNetwork({ hosts: hosts as Record<string, string>, caPem: readFileSync(caFile, "utf8") });
