import { expandArchives } from "../imports/expand-archives";
import { describeImportError } from "../imports/import-sources";
import { planImport } from "../imports/plan";
import { teacherOf } from "../imports/teacher-name";
import { walkPaths } from "../imports/walk";
import { EGS_VERSION, type EgsMetrics } from "./metrics";
import { activeRuleTable } from "./rules/rule-table";
import { scoreSteps } from "./score-steps";

/** `trajstudio score --json`: a contract other tools read — keys are only ever added. */
export type ScoreReport = {
  egsVersion: string;
  rulesVersion: string;
  trajectories: {
    source: string;
    format: string;
    agent: string | null;
    task: string | null;
    resolved: boolean | null;
    /** One entry per agent action, in source order; `index` is the step's position in the trajectory. */
    steps: { index: number; tag: string; rule: string; commands: { text: string; tag: string; rule: string; confidence: number }[] }[];
    metrics: EgsMetrics;
  }[];
  failed: { path: string; error: string }[];
};

/** Reads trajectories from files, directories or archives and scores them — no database. */
export async function scorePaths(paths: string[], options: { format?: string; agent?: string } = {}): Promise<ScoreReport> {
  const walked = await walkPaths(paths);
  const { files, failed } = await expandArchives(walked.files);
  const plan = await planImport(files, { format: options.format });
  const report: ScoreReport = {
    egsVersion: EGS_VERSION,
    rulesVersion: activeRuleTable().version,
    trajectories: [],
    failed: [...walked.problems.map((p) => ({ path: p.path, error: `${p.path}: ${p.error}` })), ...failed, ...plan.failed],
  };
  for (const unit of plan.units) {
    let parsed;
    try {
      parsed = await unit.parse();
    } catch (error) {
      report.failed.push({ path: unit.path, error: describeImportError(unit.path, error) });
      continue;
    } finally {
      for (const file of unit.files) file.forget?.();
    }
    for (const t of parsed.trajectories) {
      const scored = await scoreSteps(t.steps);
      const agent = t.agent ? teacherOf(t.agent, options.agent).name : (options.agent ?? null);
      report.trajectories.push({
        source: unit.path,
        format: unit.format,
        agent,
        task: t.task?.name ?? null,
        resolved: t.resolved ?? null,
        steps: scored.steps.flatMap((s, index) =>
          s.tag ? [{ index, tag: s.tag, rule: s.rule!, commands: s.commands.map((c) => ({ text: c.text, tag: c.tag, rule: c.rule, confidence: c.confidence })) }] : [],
        ),
        metrics: scored.metrics,
      });
    }
  }
  return report;
}
