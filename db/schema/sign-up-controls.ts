// Row types of invites and sign-up blocks (migration 0020-sign-up-controls).
import type { Generated } from "kysely";
import type { Id, Millis } from "./index.ts";

export interface InvitesTable {
  id: Id;
  /** What the invite link carries. */
  code: string;
  account_id: Id | null;
  /** null: unlimited. */
  max_uses: number | null;
  uses: Generated<number>;
  expires_at: Millis | null;
  comment: string | null;
  revoked_at: Millis | null;
  created_at: Millis;
}

export interface EmailDomainBlocksTable {
  id: Id;
  /** Lowercased; blocks its subdomains too. */
  domain: string;
  created_at: Millis;
}

export interface CanonicalEmailBlocksTable {
  id: Id;
  canonical_email_hash: string;
  reference_account_id: Id | null;
  created_at: Millis;
}

export type IpBlockSeverity = "sign_up_requires_approval" | "sign_up_block" | "no_access";

export interface IpBlocksTable {
  id: Id;
  ip: string;
  severity: IpBlockSeverity;
  comment: string;
  expires_at: Millis | null;
  created_at: Millis;
}

export interface SignUpControlsTables {
  invites: InvitesTable;
  email_domain_blocks: EmailDomainBlocksTable;
  canonical_email_blocks: CanonicalEmailBlocksTable;
  ip_blocks: IpBlocksTable;
}
