// Whether an account can be reached: the one test behind account lookups,
// sign-in, inbound activities and dereferencing (deleted or suspended
// accounts are out of reach; docs/adr/0022-account-moderation.md).

/** Whether the account is out of reach: deleted, or suspended by a moderator. */
export function isUnavailable(account: { deleted_at: number | null; suspended_at: number | null }): boolean {
  return account.deleted_at !== null || account.suspended_at !== null;
}
