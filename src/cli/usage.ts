// The operator CLI's usage text, printed on --help, unknown commands and bad arguments.
export const USAGE = `Usage: npm run parley -- <command>

Commands:
  serve                          Start the web server (and the queue, unless PARLEY_RUN_QUEUE=false)
  worker                         Process the delivery and inbox queue only (no HTTP)
  migrate                        Apply pending database migrations
  accounts create <username> --email <email> --password <password> [--admin]
                                 Create a local account; prints its handle and actor URL
  accounts list                  List local accounts
  accounts role <username> <owner|admin|moderator|user>
                                 Give a local account a staff role, or take it away (audited)
  audit-log [--limit N] [--action A] [--target-id ID]
                                 Print the moderation audit log, newest first
  moderation account <acct> <warn|sensitive|silence|suspend|disable|unsuspend|unsilence|
                     unsensitive|enable|delete-data> [--reason R]
                                 Moderate an account (audited; the reason is the warning's text)
  moderation status <id> <delete|sensitive> [--reason R]
                                 Delete a status or mark it sensitive (audited)
  invites list | create [--max-uses N] [--expires-in SECONDS] [--comment TEXT] | revoke <id or code>
                                 Invite links (sign-up with PARLEY_REGISTRATIONS=invite, or skip approval)
  email-domain-blocks list | add <domain> | remove <id>
  canonical-email-blocks list | add <email> | remove <id>
  ip-blocks list | add <ip or CIDR> --severity <sign_up_requires_approval|sign_up_block|no_access>
                                 [--comment TEXT] [--expires-in SECONDS] | remove <id>
                                 Who may sign up, and from where
  reports list [--resolved] | show <id> | assign <id> <username> | resolve <id> [--note <text>] | reopen <id>
                                 Work the report queue (audited); list shows each report's age
  rules list | remove <id> | enforce <id> | dry-run-report [<id>]
  rules add <keyword|regex|mention_flood|link_spam> [<pattern>] --action <flag|hold|sensitive|reject>
            [--fields text,spoiler,alt_text,display_name,bio,link_domains] [--max-mentions N]
            [--account-age-hours N] [--max-links-per-domain N] [--domains a,b] [--dry-run] [--comment T]
                                 Automatic rules (audited); a dry run only counts and keeps examples
  holds list | release <status id> | remove <status id> [--reason R]
                                 Statuses held for review (audited)
  domain-blocks list | export | import <file> [--dry-run] | remove <domain>
  domain-blocks add <domain> [--severity suspend|silence|noop] [--reject-media] [--reject-reports]
                [--private-comment <text>] [--public-comment <text>] [--obfuscate]
                                 Instance-level domain blocks (audited); CSV in Mastodon's format
  domain-blocks allows list | add <domain> | remove <domain>
  domain-blocks set <federation_mode|show_domain_blocks|show_domain_blocks_rationale> <value>
                                 blocklist|allowlist; disabled|users|all
  domain-blocks subscriptions list | add <url> [--auto-apply] | remove <id|url>
                | review <id|url> | apply <id|url>
                                 Blocklist subscriptions: review fetches now and shows the changes
  instance show | set <key> <value>
                                 Show or change the instance's title, description, contact,
                                 about texts, terms...; an empty value restores the default
  instance rules list | add <text> [--hint <text>] | remove <id>
  instance announcements list | add <text> [--starts-at <time>] [--ends-at <time>]
                                 [--all-day] [--publish-at <time>] | remove <id>
  instance emojis list | add <shortcode> <image URL> [--category <name>] | remove <shortcode>

Configuration comes from the environment (see README.md, deploy/env.example).`;

export class UsageError extends Error {}
