// /api/v1/instance: the instance (V1Instance) and its about pages, peers,
// weekly activity, rules, and the lists Parley keeps empty for now
// (Mastodon docs: methods/instance). All public. The domain blocks are in
// instance-domain-blocks.ts.
import { type Context, Hono } from "hono";
import { countLocalAccounts } from "../../../../db/queries/accounts.ts";
import { listRules } from "../../../../db/queries/instance-settings.ts";
import { listPeerDomains, loadWeeklyActivity } from "../../../../db/queries/instance-stats.ts";
import { countLocalStatuses } from "../../../../db/queries/statuses.ts";
import { isoTime } from "../../../entities/context.ts";
import type { InstanceFacts } from "../../../entities/instance.ts";
import { serializeRule } from "../../../entities/rule.ts";
import { serializeV1Instance } from "../../../entities/v1-instance.ts";
import type { InstanceText } from "../../../services/instance/instance-info.ts";
import { getVapidPublicKey } from "../../../services/push/vapid-keys.ts";
import { entityContext } from "../entity-context.ts";
import type { ApiEnv } from "../env.ts";
import { notFound } from "../errors.ts";

const ACTIVITY_WEEKS = 12;

/** Everything the instance entities are built from. */
export async function loadInstanceFacts(c: Context<ApiEnv>): Promise<InstanceFacts> {
  const { services, config, db } = c.var.deps;
  const [info, vapidPublicKey] = await Promise.all([services.loadInstanceInfo(), getVapidPublicKey(db)]);
  return { info, registrations: config.registrations, vapidPublicKey };
}

const serializeText = (text: InstanceText) => ({ updated_at: isoTime(text.updatedAt), content: text.content });

/** Instance routes (API v1). */
export function instanceV1Routes(): Hono<ApiEnv> {
  const routes = new Hono<ApiEnv>();

  routes.get("/", async (c) => {
    const db = c.var.deps.db;
    const [facts, userCount, statusCount, peers] = await Promise.all([loadInstanceFacts(c), countLocalAccounts(db), countLocalStatuses(db), listPeerDomains(db)]);
    return c.json(serializeV1Instance(entityContext(c), facts, { userCount, statusCount, domainCount: peers.length }));
  });

  routes.get("/peers", async (c) => c.json(await listPeerDomains(c.var.deps.db)));

  routes.get("/activity", async (c) => {
    const weeks = await loadWeeklyActivity(c.var.deps.db, ACTIVITY_WEEKS);
    // Mastodon writes each figure as a string, the week as seconds.
    return c.json(weeks.map((w) => ({ week: String(w.week / 1000), statuses: String(w.statuses), logins: String(w.logins), registrations: String(w.registrations) })));
  });

  routes.get("/rules", async (c) => c.json((await listRules(c.var.deps.db)).map(serializeRule)));

  routes.get("/extended_description", async (c) => c.json(serializeText((await c.var.deps.services.loadInstanceInfo()).extendedDescription)));

  routes.get("/privacy_policy", async (c) => c.json(serializeText((await c.var.deps.services.loadInstanceInfo()).privacyPolicy)));

  routes.get("/terms_of_service", async (c) => {
    const terms = (await c.var.deps.services.loadInstanceInfo()).termsOfService;
    if (!terms) return notFound(c);
    return c.json({ effective_date: isoTime(terms.updatedAt).slice(0, 10), effective: true, content: terms.content, succeeded_by: null });
  });

  // No machine translation: no language pairs.
  routes.get("/translation_languages", (c) => c.json({}));

  return routes;
}
