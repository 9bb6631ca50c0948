// Every document of the shared corpus, and every object embedded in one,
// through the mapper that matches it: none may throw, and the ones that map
// to null are exactly those listed below, each with its reason.
import { Activity, Collection, isActor, Object as APObject, Question } from "@fedify/vocab";
import { describe, expect, it } from "vitest";
import { actorToAccountInput } from "./actor-to-account-input.ts";
import { noteToStatusInput } from "./note-to-status-input.ts";
import { fixtureEntries, noDocumentLoader, offlineContextLoader, parseDocument, readFixture } from "./testing/fixtures.ts";

// Documents Fedify 2.3.6 refuses to parse at all, so no mapper sees them.
const UNPARSABLE: Record<string, string> = {
  "activities/mastodon-activity-update-person.json":
    "its publicKeyPem is corrupt (three 63-character base64 lines) and Fedify imports keys while parsing, so the whole Update fails",
};

// Posts and actors that map to null, by "file#path" (path: where the object
// sits in the document). Activities (other than Question) and collections
// always map to null and are not listed.
const EXPECTED_NULL: Record<string, string> = {
  "activities/mastodon-activity-delete-actor.json#object": "a Person reference without inbox (id and type only)",
  "activities/mastodon-activity-delete-tombstone.json#object": "a Tombstone is not a post",
  "activities/prismo-activity-create-article-actor-array.json#actor": "a Person reference without inbox (id and type only)",
  "activities/pleroma-activity-emojireact-unicode.json#":
    "EmojiReact is a litepub term; its context is not available offline, so Fedify sees a plain Object without attributedTo",
  "objects/lemmy-object-tombstone.json#": "a Tombstone is not a post",
  "objects/mastodon-object-emoji.json#": "an Emoji has no attributedTo; it is a tag, not a post",
};

interface Target {
  path: string;
  object: APObject;
  json: unknown;
}

const lookup = { documentLoader: noDocumentLoader, contextLoader: offlineContextLoader, suppressError: true, crossOrigin: "trust" as const };

// The document itself, then what activities and collections embed, a few levels deep.
async function targetsOf(object: APObject, json: unknown, path = "", depth = 0): Promise<Target[]> {
  const targets: Target[] = [{ path, object, json }];
  if (depth >= 3) return targets;
  const record = typeof json === "object" && json != null ? json as Record<string, unknown> : {};
  const at = (name: string) => (path === "" ? name : `${path}.${name}`);
  if (object instanceof Activity && !(object instanceof Question)) {
    const actor = await object.getActor(lookup);
    if (actor != null) targets.push(...await targetsOf(actor, record.actor, at("actor"), depth + 1));
    const embedded = await object.getObject(lookup);
    if (embedded != null) targets.push(...await targetsOf(embedded, record.object, at("object"), depth + 1));
  } else if (object instanceof Collection) {
    let index = 0;
    for await (const item of object.getItems(lookup)) {
      if (!(item instanceof APObject)) continue;
      targets.push(...await targetsOf(item, undefined, at(`items[${index++}]`), depth + 1));
    }
  }
  return targets;
}

async function map(target: Target) {
  if (isActor(target.object)) return await actorToAccountInput(target.object, { contextLoader: offlineContextLoader });
  return await noteToStatusInput(target.object, {
    authorFollowersUri: null,
    json: target.json,
    contextLoader: offlineContextLoader,
  });
}

function isContainer(object: APObject): boolean {
  return (object instanceof Activity && !(object instanceof Question)) || object instanceof Collection;
}

describe("the shared ActivityPub corpus", () => {
  const entries = fixtureEntries();

  it("is there", () => {
    expect(entries.length).toBeGreaterThanOrEqual(100);
  });

  for (const entry of entries) {
    it(`maps ${entry.file} without throwing`, async () => {
      const json = readFixture(entry.file);
      if (entry.file in UNPARSABLE) {
        await expect(parseDocument(json)).rejects.toThrow();
        return;
      }
      const document = await parseDocument(json);
      const targets = await targetsOf(document, json);
      for (const target of targets) {
        const result = await map(target);
        const key = `${entry.file}#${target.path}`;
        const expectedNull = key in EXPECTED_NULL || isContainer(target.object);
        expect({ key, mapped: result != null }).toEqual({ key, mapped: !expectedNull });
      }
    });
  }

  it("lists only null mappings that exist", () => {
    const files = new Set(entries.map((e) => e.file));
    for (const key of [...Object.keys(EXPECTED_NULL), ...Object.keys(UNPARSABLE)]) {
      expect(files.has(key.split("#")[0]!)).toBe(true);
    }
  });
});
