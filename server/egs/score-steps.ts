import { type EgsMetrics, computeMetrics } from "./metrics";
import { type RuleTable, activeRuleTable } from "./rules/rule-table";
import { loadShellParser } from "./shell/parse-shell";
import { type StepAction, type TaggedStep, tagSteps } from "./tag-commands";

export type ScoredSteps = { steps: TaggedStep[]; metrics: EgsMetrics; rulesVersion: string };

/** Tags a trajectory's steps and computes its metrics from the auto tags. */
export async function scoreSteps(steps: StepAction[], table?: RuleTable): Promise<ScoredSteps> {
  await loadShellParser();
  return scoreLoadedSteps(steps, table ?? activeRuleTable());
}

/** `scoreSteps` once the parser is loaded: synchronous, for batches. */
export function scoreLoadedSteps(steps: StepAction[], table: RuleTable = activeRuleTable()): ScoredSteps {
  const tagged = tagSteps(steps, table);
  const metrics = computeMetrics(tagged.map((t, index) => ({ index, tag: t.tag, commands: t.commands })));
  return { steps: tagged, metrics, rulesVersion: table.version };
}

/** The trajectory columns that hold the metrics. */
export function metricColumns(metrics: EgsMetrics) {
  return {
    tor: metrics.tor,
    var: metrics.var,
    closedLoop: metrics.closedLoop,
    iavCycles: metrics.iavCycles,
    egs: metrics.egs,
    egsVersion: metrics.detail.egsVersion,
    metricsDetail: { counts: metrics.counts, shares: metrics.shares, ...metrics.detail },
  };
}
