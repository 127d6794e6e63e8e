import { and, inArray, isNotNull, sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";
import { steps } from "@/db/schema";
import { type Agreement, cohensKappa } from "../egs/agreement";
import type { Tag } from "../egs/rules/rule-table";
import { currentLabelsWhere } from "./list-labels";

/** The auto tagger, as a rater next to the annotators. */
export const AUTO_RATER = "auto";

export type RaterPair = Agreement & { a: string; b: string };

/**
 * Cohen's κ for every pair of raters (annotators and the auto tagger) over the steps both
 * tagged, overall and per tag.
 */
export async function labelAgreement(db: Db): Promise<{ raters: string[]; pairs: RaterPair[] }> {
  const labels = await currentLabelsWhere(db);
  const byRater = new Map<string, Map<number, Tag>>();
  for (const l of labels) {
    let map = byRater.get(l.annotator);
    if (!map) byRater.set(l.annotator, (map = new Map()));
    map.set(l.stepId, l.tag);
  }
  const labeledSteps = [...new Set(labels.map((l) => l.stepId))];
  const auto = new Map<number, Tag>();
  for (let i = 0; i < labeledSteps.length; i += 10_000) {
    const rows = await db
      .select({ id: steps.id, tag: steps.autoTag })
      .from(steps)
      .where(and(inArray(steps.id, labeledSteps.slice(i, i + 10_000)), isNotNull(steps.autoTag)));
    for (const r of rows) auto.set(r.id, r.tag!);
  }
  const annotators = [...byRater.keys()].sort();
  const raters = [AUTO_RATER, ...annotators];
  const tagsOf = (rater: string) => (rater === AUTO_RATER ? auto : byRater.get(rater)!);
  const pairs: RaterPair[] = [];
  for (let i = 0; i < raters.length; i++) {
    for (let j = i + 1; j < raters.length; j++) {
      const a = tagsOf(raters[i]!);
      const b = tagsOf(raters[j]!);
      const both: [Tag, Tag][] = [];
      for (const [stepId, tag] of a) {
        const other = b.get(stepId);
        if (other) both.push([tag, other]);
      }
      pairs.push({ a: raters[i]!, b: raters[j]!, ...cohensKappa(both) });
    }
  }
  return { raters, pairs };
}

export type Disagreement = {
  stepId: number;
  trajectoryId: number;
  index: number;
  action: string | null;
  autoTag: Tag | null;
  labels: { annotator: string; tag: Tag }[];
};

/**
 * The review queue: steps whose annotators' current labels differ (or, with `includeAuto`, where
 * a human label differs from the auto tag), oldest step first.
 */
export async function disagreements(db: Db, options: { limit?: number; afterStepId?: number; includeAuto?: boolean } = {}): Promise<Disagreement[]> {
  const limit = Math.min(options.limit ?? 50, 500);
  const after = options.afterStepId ?? 0;
  const result = await db.execute(sql`
    with cur as (
      select distinct on (step_id, annotator_id) step_id, annotator_id, tag from labels order by step_id, annotator_id, id desc
    )
    select cur.step_id from cur join steps s on s.id = cur.step_id
    where cur.step_id > ${after}
    group by cur.step_id, s.auto_tag
    having count(distinct cur.tag) > 1 ${options.includeAuto ? sql`or bool_or(cur.tag <> s.auto_tag)` : sql``}
    order by cur.step_id limit ${limit}`);
  const rows = rowsOf(result);
  const ids = rows.map((r) => Number(r.step_id));
  if (ids.length === 0) return [];
  const [details, labels] = await Promise.all([
    db.select({ id: steps.id, trajectoryId: steps.trajectoryId, index: steps.index, action: steps.action, autoTag: steps.autoTag }).from(steps).where(inArray(steps.id, ids)),
    currentLabelsWhere(db, { stepIds: ids }),
  ]);
  const byStep = new Map(details.map((d) => [d.id, d]));
  return ids.map((id) => {
    const d = byStep.get(id)!;
    return { stepId: id, trajectoryId: d.trajectoryId, index: d.index, action: d.action, autoTag: d.autoTag, labels: labels.filter((l) => l.stepId === id).map(({ annotator, tag }) => ({ annotator, tag })) };
  });
}
