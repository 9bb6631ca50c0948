// The compiled automatic rules of an instance, built once and reused for every
// status and profile: rebuilt when a rule changes in this process (forgetRules)
// or, for the other processes of the instance (worker, CLI), when the rules'
// version in the database differs, checked at most once a second.
import { listRules, ruleDefinitionOf, rulesVersion } from "../../../db/queries/moderation-rules.ts";
import { compileRules, type CompiledRules } from "../../domain/rules/compile-rules.ts";
import type { ServiceDeps } from "../context.ts";

const RECHECK_MS = 1000;

interface Cached {
  version: string;
  checkedAt: number;
  rules: CompiledRules;
}

// Keyed by the instance's database handle, so two instances in one process (the rig) never share rules.
const caches = new WeakMap<object, Cached>();

/** The instance's rules, compiled. */
export async function activeRules(deps: ServiceDeps): Promise<CompiledRules> {
  const now = Date.now();
  const cached = caches.get(deps.db);
  if (cached && now - cached.checkedAt < RECHECK_MS) return cached.rules;
  const version = await rulesVersion(deps.db);
  if (cached?.version === version) {
    cached.checkedAt = now;
    return cached.rules;
  }
  const rules = compileRules((await listRules(deps.db)).map(ruleDefinitionOf));
  caches.set(deps.db, { version, checkedAt: now, rules });
  return rules;
}

/** Drops the compiled rules after a change, so the next status sees it. */
export function forgetRules(deps: ServiceDeps): void {
  caches.delete(deps.db);
}
