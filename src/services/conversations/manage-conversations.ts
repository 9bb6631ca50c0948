// Reading and removing conversations of the signed-in account.
import { deleteConversation, findConversation, markConversationRead } from "../../../db/queries/conversations.ts";
import type { Id } from "../../../db/schema/index.ts";
import { fail, ok, type Result } from "../../domain/result.ts";
import { type ServiceDeps, writeTransaction } from "../context.ts";

/** Marks one of the account's conversations read. */
export async function readConversation(deps: ServiceDeps, input: { accountId: Id; conversationId: Id }): Promise<Result<void>> {
  const conversation = await findConversation(deps.db, input.accountId, input.conversationId);
  if (!conversation) return fail("not-found", "Record not found");
  await writeTransaction(deps, (tx) => markConversationRead(tx, conversation.id));
  return ok(undefined);
}

/** Removes one of the account's conversations from its list (the statuses stay). */
export async function removeConversation(deps: ServiceDeps, input: { accountId: Id; conversationId: Id }): Promise<Result<void>> {
  const conversation = await findConversation(deps.db, input.accountId, input.conversationId);
  if (!conversation) return fail("not-found", "Record not found");
  await writeTransaction(deps, (tx) => deleteConversation(tx, conversation.id));
  return ok(undefined);
}
