// The command-line entry: serve | worker | migrate | accounts ... (what
// `npm start` and `npm run parley -- <command>` run).
import { serve } from "@hono/node-server";
import { getLogger } from "@logtape/logtape";
import { migrateToLatest, openDatabase } from "../db/index.ts";
import { createApp, type ParleyApp } from "./app.ts";
import { runAccountsCommand } from "./cli/accounts.ts";
import { runAuditLogCommand } from "./cli/audit-log.ts";
import { runCanonicalEmailBlocksCommand, runEmailDomainBlocksCommand, runInvitesCommand, runIpBlocksCommand } from "./cli/sign-up-controls.ts";
import { runDomainBlocksCommand } from "./cli/domain-blocks.ts";
import { runReportsCommand } from "./cli/reports.ts";
import { runHoldsCommand, runRulesCommand } from "./cli/rules.ts";
import { runInstanceCommand } from "./cli/instance.ts";
import { runModerationCommand } from "./cli/moderation.ts";
import { USAGE, UsageError } from "./cli/usage.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { setUpLogging } from "./logging.ts";

const logger = getLogger(["parley", "server"]);

function onShutdown(stop: () => Promise<void>): void {
  let stopping = false;
  for (const signal of ["SIGINT", "SIGTERM"] as const) {
    process.on(signal, () => {
      if (stopping) process.exit(1);
      stopping = true;
      stop().then(() => process.exit(0), () => process.exit(1));
    });
  }
}

// Operator commands that act on an instance through its services, then exit.
const APP_COMMANDS: Record<string, (app: ParleyApp, args: string[]) => Promise<number>> = {
  accounts: runAccountsCommand,
  instance: runInstanceCommand,
  "audit-log": runAuditLogCommand,
  moderation: runModerationCommand,
  invites: runInvitesCommand,
  "email-domain-blocks": runEmailDomainBlocksCommand,
  "canonical-email-blocks": runCanonicalEmailBlocksCommand,
  "ip-blocks": runIpBlocksCommand,
  "domain-blocks": runDomainBlocksCommand,
  reports: runReportsCommand,
  rules: runRulesCommand,
  holds: runHoldsCommand,
};

async function serveCommand(app: ParleyApp): Promise<void> {
  const { config } = app;
  if (config.runQueue) app.startQueue();
  const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
    logger.info("Parley is listening on http://{host}:{port}, public URL {url}", { host: config.host, port: info.port, url: config.publicUrl.href });
    console.log(`Parley is running: ${config.publicUrl.href} (listening on ${config.host}:${info.port})`);
  });
  // The streaming WebSocket shares the port (Mastodon runs it as its own server).
  server.on("upgrade", app.upgrade);
  onShutdown(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await app.close();
  });
}

async function main(argv: string[]): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === "--help" || command === "-h" || command === "help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  const config = loadConfig();
  await setUpLogging(config.logLevel);
  switch (command) {
    case "migrate": {
      const handle = openDatabase(config.database);
      await migrateToLatest(handle);
      await handle.close();
      console.log("Database is up to date.");
      return 0;
    }
    case "serve":
      await serveCommand(await createApp(config));
      return -1;
    case "worker": {
      const app = await createApp({ ...config, runQueue: true });
      app.startQueue();
      onShutdown(() => app.close());
      console.log("Parley worker is processing the queue.");
      return -1;
    }
    default: {
      const run = APP_COMMANDS[command];
      if (!run) throw new UsageError(`unknown command: ${command}`);
      const app = await createApp({ ...config, runQueue: false });
      try {
        return await run(app, args);
      } finally {
        // What the command federates leaves through the outbox before the process ends.
        await app.outbox.drain();
        await app.close();
      }
    }
  }
}

try {
  const code = await main(process.argv.slice(2));
  if (code >= 0) process.exitCode = code;
} catch (error) {
  if (error instanceof UsageError) {
    console.error(`${error.message}\n\n${USAGE}`);
    process.exitCode = 2;
  } else if (error instanceof ConfigError) {
    console.error(`Configuration error: ${error.message}`);
    process.exitCode = 78;
  } else {
    throw error;
  }
}
