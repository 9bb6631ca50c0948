// Row types of reports (migration 0014-reports).
import type { Flag, Id, Json, Millis } from "./index.ts";

export type ReportCategory = "spam" | "legal" | "violation" | "other";

/** A report against an account (and some of its statuses), filed locally or by a remote instance's Flag. */
export interface ReportsTable {
  id: Id;
  /** The filer: a local account, or the actor (usually the instance actor) of a remote server. */
  account_id: Id;
  target_account_id: Id;
  status_ids: Json<Id[]>;
  rule_ids: Json<Id[]>;
  category: ReportCategory;
  comment: string;
  /** 1 once a Flag went to the target's instance. */
  forwarded: Flag;
  /** The Flag's id: the inbound one, or the one Parley sent when forwarding. */
  uri: string | null;
  assigned_account_id: Id | null;
  action_taken_at: Millis | null;
  action_taken_by_account_id: Id | null;
  /** What the resolving moderator did: "none", "warn", "suspend", ... */
  action_taken: string | null;
  /** The outcome the target's instance sent back for a forwarded report (Parley's extension). */
  remote_action_taken: string | null;
  remote_resolved_at: Millis | null;
  created_at: Millis;
  updated_at: Millis;
}

/** A moderator's note on a report (Parley's extension of the admin API). */
export interface ReportNotesTable {
  id: Id;
  report_id: Id;
  /** The staff account that wrote it; null for the CLI and Parley itself. */
  account_id: Id | null;
  author_name: string;
  content: string;
  created_at: Millis;
}

/** The key pairs of the instance actor, which signs what Parley sends as a server. */
export interface InstanceActorKeysTable {
  algorithm: string;
  private_jwk: Json<JsonWebKey>;
  public_jwk: Json<JsonWebKey>;
  created_at: Millis;
}

export interface ReportsTables {
  reports: ReportsTable;
  report_notes: ReportNotesTable;
  instance_actor_keys: InstanceActorKeysTable;
}
