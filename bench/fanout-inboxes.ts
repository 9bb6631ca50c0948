// The fake remote instances of the fanout benchmark, in their own process:
// one HTTPS server on loopback answering for every host i0001.fanout.test,
// i0002.fanout.test, ... (the rig network resolves them all to 127.0.0.1).
// Each POST is counted by its Host, checked for a Signature header and
// answered 202 (after --latency ms); signatures are not verified. Driven over IPC.
import https from "node:https";
import type { AddressInfo } from "node:net";

/** Parent -> inboxes. */
export type FanoutInboxesCommand =
  | { type: "start"; key: string; cert: string; expectedHosts: number; latencyMs: number }
  | { type: "stats" };

export interface InboxStats {
  /** Distinct hosts that received at least one POST. */
  hosts: number;
  /** All POSTs, retries included. */
  deliveries: number;
  /** POSTs without a Signature header (none expected). */
  unsigned: number;
}

/** Inboxes -> parent. */
export type FanoutInboxesMessage =
  | { type: "listening"; port: number }
  | ({ type: "reached" } & InboxStats)
  | ({ type: "stats" } & InboxStats);

const seen = new Set<string>();
const stats: InboxStats = { hosts: 0, deliveries: 0, unsigned: 0 };
const send = (message: FanoutInboxesMessage) => process.send!(message);

function start(key: string, cert: string, expectedHosts: number, latencyMs: number): void {
  const server = https.createServer({ key, cert }, (request, response) => {
    request.resume();
    if (request.method !== "POST") {
      response.writeHead(404).end();
      return;
    }
    // Draft-cavage and RFC 9421 both send a Signature header.
    if (request.headers.signature === undefined) stats.unsigned++;
    stats.deliveries++;
    const host = (request.headers.host ?? "").replace(/:\d+$/, "");
    if (!seen.has(host)) {
      seen.add(host);
      stats.hosts = seen.size;
      if (seen.size === expectedHosts) send({ type: "reached", ...stats });
    }
    // A real server answers after its own work and the way back: latencyMs.
    request.on("end", () => setTimeout(() => response.writeHead(202).end(), latencyMs));
  });
  server.listen(0, "127.0.0.1", () => send({ type: "listening", port: (server.address() as AddressInfo).port }));
  process.on("disconnect", () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  });
}

process.on("message", (command: FanoutInboxesCommand) => {
  if (command.type === "start") start(command.key, command.cert, command.expectedHosts, command.latencyMs);
  else if (command.type === "stats") send({ type: "stats", ...stats });
});
