// An activity delivered twice is applied once: the queue worker marks each
// activity it handled (by the receiving origin and the activity's id) and
// skips it when it comes again, whatever the HTTP handler checked first
// (federation/inbox/index.ts skips that check; docs/adr/0018-performance.md).
import { Create, Note, PUBLIC_COLLECTION, Update } from "@fedify/vocab";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AccountRow } from "../../db/queries/accounts.ts";
import { findStatusByUri } from "../../db/queries/statuses.ts";
import { followAcross, type Rig, type RigInstance, sendRaw, startRig } from "../rig/rig.ts";

let rig: Rig;
let a: RigInstance, m: RigInstance;
let alice: AccountRow, mallory: AccountRow;

const fromMallory = (activity: Create | Update) => sendRaw(rig, m, "mallory", `@alice@${a.host}`, activity);

beforeAll(async () => {
  rig = await startRig(["a", "m"]);
  [a, m] = rig.instances as [RigInstance, RigInstance];
  alice = await a.createAccount("alice");
  mallory = await m.createAccount("mallory");
  await followAcross(rig, a, alice, m, mallory);
});
afterAll(async () => {
  await rig?.close();
});

describe("inbox idempotency", () => {
  it("applies an activity delivered again under the same id only once", async () => {
    const noteId = `${m.url.origin}/users/mallory/statuses/200`;
    const note = (content: string) => new Note({ id: new URL(noteId), attribution: new URL(mallory.uri), to: PUBLIC_COLLECTION, content });
    await fromMallory(new Create({ id: new URL(`${mallory.uri}#create-200`), actor: new URL(mallory.uri), to: PUBLIC_COLLECTION, object: note("first words") }));
    const edit = (content: string) => new Update({ id: new URL(`${mallory.uri}#update-200`), actor: new URL(mallory.uri), to: PUBLIC_COLLECTION, object: note(content) });
    await fromMallory(edit("edited once"));
    expect((await findStatusByUri(a.app.database.db, noteId))?.content).toContain("edited once");
    // The same Update id again, with other content: a redelivery, not a new edit.
    await fromMallory(edit("edited twice"));
    expect((await findStatusByUri(a.app.database.db, noteId))?.content).toContain("edited once");
  });
});
