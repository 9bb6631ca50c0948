// A fake Web Push service on loopback, and a subscriber's keys: the test
// plays the browser, which holds the ECDH private key and decrypts what the
// push service got (RFC 8291, with http_ece, independent of web-push).
import { createECDH, type ECDH, randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { decrypt } from "http_ece";

export interface ReceivedPush {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

export interface FakePushService {
  /** An endpoint URL on this service. */
  endpoint(name: string): string;
  received: ReceivedPush[];
  /** TCP connections accepted so far, whatever came over them. */
  connections: number;
  /** The status the next requests get (201 by default, as push services answer). */
  answer: number;
  close(): Promise<void>;
}

/** Starts the fake service on 127.0.0.1. */
export async function startFakePushService(): Promise<FakePushService> {
  const received: ReceivedPush[] = [];
  const service = { answer: 201, connections: 0 };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(service.answer).end();
    });
  });
  server.on("connection", () => service.connections++);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return Object.assign(service, {
    endpoint: (name: string) => `http://127.0.0.1:${port}/push/${name}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

export interface Subscriber {
  /** subscription[keys][p256dh] and [auth], base64url. */
  p256dh: string;
  auth: string;
  /** Decrypts a received push as the browser would; returns the parsed JSON payload. */
  open(push: ReceivedPush): Record<string, unknown>;
}

// "a=1;b=2" header parameters.
function parameter(header: string | string[] | undefined, name: string): string | undefined {
  const value = Array.isArray(header) ? header.join(";") : (header ?? "");
  return value.split(/[;,]/).map((part) => part.trim().split("=")).find(([key]) => key === name)?.[1];
}

/** A new browser-side key pair and auth secret. */
export function newSubscriber(): Subscriber {
  const ecdh: ECDH = createECDH("prime256v1");
  ecdh.generateKeys();
  const auth = randomBytes(16).toString("base64url");
  return {
    p256dh: ecdh.getPublicKey().toString("base64url"),
    auth,
    open(push) {
      const encoding = push.headers["content-encoding"];
      const plain = encoding === "aes128gcm"
        ? decrypt(push.body, { version: "aes128gcm", privateKey: ecdh, authSecret: auth })
        : decrypt(push.body, {
          version: "aesgcm",
          privateKey: ecdh,
          authSecret: auth,
          dh: parameter(push.headers["crypto-key"], "dh")!,
          salt: parameter(push.headers.encryption, "salt")!,
        });
      return JSON.parse(plain.toString("utf8")) as Record<string, unknown>;
    },
  };
}
