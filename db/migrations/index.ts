// The ordered list of migrations. Add new ones at the end; never edit or
// reorder applied ones.
import type { Migration, MigrationProvider } from "kysely/migration";
import * as m0001 from "./0001-initial.ts";
import * as m0002 from "./0002-oauth.ts";
import * as m0003 from "./0003-registrations.ts";
import * as m0006 from "./0006-statuses.ts";
import * as m0007 from "./0007-timelines.ts";
import * as m0008 from "./0008-instance.ts";
import * as m0009 from "./0009-push.ts";
import * as m0004 from "./0004-relationships.ts";
import * as m0005 from "./0005-media.ts";
import * as m0010 from "./0010-search.ts";
import * as m0011 from "./0011-preview-cards.ts";
import * as m0012 from "./0012-moderation.ts";
import * as m0013 from "./0013-account-moderation.ts";
import * as m0019 from "./0019-rules-and-holds.ts";
import * as m0020 from "./0020-sign-up-controls.ts";
import * as m0018 from "./0018-domain-blocks.ts";
import * as m0014 from "./0014-reports.ts";

const migrations: Record<string, Migration> = {
  "0001-initial": m0001,
  "0002-oauth": m0002,
  "0003-registrations": m0003,
  "0006-statuses": m0006,
  "0007-timelines": m0007,
  "0008-instance": m0008,
  "0009-push": m0009,
  "0004-relationships": m0004,
  "0005-media": m0005,
  "0010-search": m0010,
  "0011-preview-cards": m0011,
  "0012-moderation": m0012,
  "0013-account-moderation": m0013,
  "0019-rules-and-holds": m0019,
  "0020-sign-up-controls": m0020,
  "0018-domain-blocks": m0018,
  "0014-reports": m0014,
};

/** Supplies Kysely's Migrator with the migrations compiled into the app. */
export const migrationProvider: MigrationProvider = {
  getMigrations: async () => migrations,
};
