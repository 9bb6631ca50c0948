// The operator CLI's usage text, printed on --help, unknown commands and bad arguments.
export const USAGE = `Usage: npm run parley -- <command>

Commands:
  serve                          Start the web server (and the queue, unless PARLEY_RUN_QUEUE=false)
  worker                         Process the delivery and inbox queue only (no HTTP)
  migrate                        Apply pending database migrations
  accounts create <username> --email <email> --password <password> [--admin]
                                 Create a local account; prints its handle and actor URL
  accounts list                  List local accounts

Configuration comes from the environment (see README.md, deploy/env.example).`;

export class UsageError extends Error {}
