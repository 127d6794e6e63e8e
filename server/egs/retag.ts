import { asc, inArray, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { labels, steps } from "@/db/schema";
import { compactCommand, snakeCase, storableJson } from "../trajectories/insert-trajectories";
import { computeMetrics } from "./metrics";
import { type RuleTable, activeRuleTable } from "./rules/rule-table";
import { metricColumns } from "./score-steps";
import { loadShellParser } from "./shell/parse-shell";
import { tagSteps } from "./tag-commands";

export type RetagResult = { trajectories: number; steps: number; changed: number; rulesVersion: string };

const BATCH = 200;

/**
 * Tags stored trajectories again with the rules in effect (after a team added rules, or a new
 * rules version): the trajectories whose tags came from other rules, or all with `all`. Human
 * labels stay the effective tag of their steps; the metrics are recomputed. One transaction per
 * batch of trajectories.
 */
export async function retagTrajectories(
  db: Db,
  options: { all?: boolean; table?: RuleTable; onProgress?(done: number, total: number): void } = {},
): Promise<RetagResult> {
  await loadShellParser();
  const table = options.table ?? activeRuleTable();
  const ids = rowsOf<{ trajectory_id: number }>(
    await db.execute(sql`
      select distinct trajectory_id from steps
      where action is not null ${options.all ? sql`` : sql`and rules_version is distinct from ${table.version}`}
      order by trajectory_id`),
  ).map((r) => Number(r.trajectory_id));
  const result: RetagResult = { trajectories: ids.length, steps: 0, changed: 0, rulesVersion: table.version };
  for (let start = 0; start < ids.length; start += BATCH) {
    const batch = ids.slice(start, start + BATCH);
    await db.transaction(async (tx) => {
      const rows = await tx
        .select({ id: steps.id, trajectoryId: steps.trajectoryId, index: steps.index, source: steps.source, action: steps.action, tag: steps.tag, autoTag: steps.autoTag })
        .from(steps)
        .where(inArray(steps.trajectoryId, batch))
        .orderBy(asc(steps.trajectoryId), asc(steps.index));
      const labeled = new Set(
        (
          await tx
            .selectDistinct({ stepId: labels.stepId })
            .from(labels)
            .where(inArray(labels.stepId, rows.map((r) => r.id)))
        ).map((r) => r.stepId),
      );
      const updates: object[] = [];
      const metrics: object[] = [];
      for (const trajectoryId of batch) {
        const own = rows.filter((r) => r.trajectoryId === trajectoryId);
        const tagged = tagSteps(own, table);
        own.forEach((row, i) => {
          const t = tagged[i]!;
          if (t.tag !== row.autoTag) result.changed++;
          updates.push({
            id: row.id,
            commands: t.commands.map(compactCommand),
            auto_tag: t.tag,
            auto_rule: t.rule,
            auto_confidence: t.confidence,
            rules_version: row.action === null ? null : table.version,
            tag: labeled.has(row.id) ? row.tag : t.tag,
          });
        });
        const computed = computeMetrics(own.map((row, i) => ({ index: row.index, tag: labeled.has(row.id) ? row.tag : tagged[i]!.tag, commands: tagged[i]!.commands })));
        metrics.push({ id: trajectoryId, ...snakeCase(metricColumns(computed)) });
        result.steps += own.length;
      }
      await tx.execute(sql`
        update steps set commands = x.commands, auto_tag = x.auto_tag, auto_rule = x.auto_rule, auto_confidence = x.auto_confidence,
          rules_version = x.rules_version, tag = x.tag
        from json_to_recordset(${storableJson(updates)}::json) as x(id bigint, commands jsonb, auto_tag step_tag, auto_rule text,
          auto_confidence real, rules_version text, tag step_tag)
        where steps.id = x.id`);
      await tx.execute(sql`
        update trajectories set tor = x.tor, var = x.var, closed_loop = x.closed_loop, iav_cycles = x.iav_cycles, egs = x.egs,
          egs_version = x.egs_version, metrics_detail = x.metrics_detail
        from json_to_recordset(${storableJson(metrics)}::json) as x(id bigint, tor real, var real, closed_loop real, iav_cycles int,
          egs real, egs_version text, metrics_detail jsonb)
        where trajectories.id = x.id`);
    });
    options.onProgress?.(Math.min(start + BATCH, ids.length), ids.length);
  }
  return result;
}
