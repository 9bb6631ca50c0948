// /api/v1/conversations: the signed-in user's direct-message threads.
import { type Context, Hono } from "hono";
import { type ConversationRow, findConversation, pageConversations } from "../../../../db/queries/conversations.ts";
import { loadRelatedPage } from "../../../../db/queries/related-page.ts";
import { participantIdsOf, serializeConversations } from "../../../entities/conversation.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { failureResponse, notFound } from "../errors.ts";
import { requireUser, viewerId } from "../middleware/auth.ts";
import { readKeysetPage } from "../pagination.ts";
import { idParam } from "../params.ts";

async function render(c: Context<ApiEnv>, rows: readonly ConversationRow[]) {
  const related = await loadRelatedPage(c.var.deps.db, rows.flatMap(participantIdsOf), rows.map((r) => r.last_status_id), viewerId(c));
  return serializeConversations(entityContext(c), rows, related.accounts, related.statuses);
}


/** Conversation routes. */
export function conversationsRoutes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", requireUser("read:statuses"), async (c) => {
    // Pages go by each conversation's last status, as Mastodon's do.
    const rows = await readKeysetPage(c, (range) => pageConversations(c.var.deps.db, viewerId(c), range), (r) => r.last_status_id, { defaultLimit: 20, maxLimit: 40 });
    return c.json(await render(c, rows));
  });

  routes.delete("/:id", requireUser("write:conversations"), async (c) => {
    const removed = await c.var.deps.services.removeConversation({ accountId: viewerId(c), conversationId: idParam(c) });
    return removed.ok ? c.json({}) : failureResponse(c, removed);
  });

  routes.post("/:id/read", requireUser("write:conversations"), async (c) => {
    const read = await c.var.deps.services.readConversation({ accountId: viewerId(c), conversationId: idParam(c) });
    if (!read.ok) return failureResponse(c, read);
    const row = await findConversation(c.var.deps.db, viewerId(c), idParam(c));
    const [entity] = row ? await render(c, [row]) : [];
    return entity ? c.json(entity) : notFound(c);
  });

  return routes;
}
