// Wires the inbox listeners: one handler per activity type, all calling the
// same services as the API. Fedify verifies signatures before any of these run.
import { Accept, Add, Announce, Block, Create, Delete, Flag, Follow, Like, Move, Reject, Remove, Undo, Update } from "@fedify/vocab";
import type { Federation } from "@fedify/fedify";
import { getLogger } from "@logtape/logtape";
import type { ParleyContextData } from "../context.ts";
import { paths } from "../paths.ts";
import { onAccept } from "./on-accept.ts";
import { onAdd } from "./on-add.ts";
import { onAnnounce } from "./on-announce.ts";
import { onBlock } from "./on-block.ts";
import { onCreate } from "./on-create.ts";
import { onDelete } from "./on-delete.ts";
import { onFlag } from "./on-flag.ts";
import { onFollow } from "./on-follow.ts";
import { onLike } from "./on-like.ts";
import { onMove } from "./on-move.ts";
import { onReject } from "./on-reject.ts";
import { onRemove } from "./on-remove.ts";
import { onUndo } from "./on-undo.ts";
import { onUnverifiedActivity } from "./on-unverified.ts";
import { onUpdate } from "./on-update.ts";

const logger = getLogger(["parley", "federation", "inbox"]);

/** Registers the personal and shared inbox listeners. */
export function registerInboxListeners(federation: Federation<ParleyContextData>): void {
  federation
    .setInboxListeners(paths.inbox, paths.sharedInbox)
    // The queue worker checks and marks every activity by our origin and its
    // id, whatever this says. The HTTP handler's own check reads a key that
    // nothing marks while a queue is set (Fedify 2.3.6), so it can only miss:
    // skip that read. Revisit when Fedify changes routeActivity.
    .withIdempotency(() => null)
    .on(Follow, onFollow)
    .on(Accept, onAccept)
    .on(Reject, onReject)
    .on(Undo, onUndo)
    .on(Create, onCreate)
    .on(Update, onUpdate)
    .on(Delete, onDelete)
    .on(Like, onLike)
    .on(Announce, onAnnounce)
    .on(Block, onBlock)
    .on(Add, onAdd)
    .on(Remove, onRemove)
    .on(Flag, onFlag)
    .on(Move, onMove)
    .onUnverifiedActivity(onUnverifiedActivity)
    .onError((_ctx, error) => {
      logger.error("Inbox handler failed: {error}", { error });
    });
}
