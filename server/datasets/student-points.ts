import { sql } from "drizzle-orm";
import { type Db, rowsOf } from "@/db/client";

export type StudentTeacher = { name: string; members: number };

export type StudentPoint = {
  id: number;
  studentModel: string;
  benchmark: string;
  /** As recorded: benchmarks report rates (0.206) or percentages (20.6) alike. */
  score: number;
  /** The score when it lies in [0, 1] (read as a rate), else null: only these share the teachers' axis. */
  rate: number | null;
  notes: string | null;
  dataset: string;
  version: number;
  /** The training set's composition, from its frozen members. */
  members: number;
  /** Means over the members with an act to score (EGS and TOR are undefined without one). */
  egs: number | null;
  tor: number | null;
  /** Members per teacher, most first, ties by name; trajectories without an agent are "(unknown)". */
  teachers: StudentTeacher[];
  mainTeacher: string | null;
};

/**
 * Every recorded student result with what it was trained on: the curation → student loop, to
 * set beside the teachers' own resolved rates. Two queries whatever the number of results.
 */
export async function listStudentPoints(db: Db): Promise<StudentPoint[]> {
  const results = rowsOf(
    await db.execute(sql`
      with composition as (
        select m.version_id, count(*)::int as members, avg(t.egs)::float8 as egs, avg(t.tor)::float8 as tor
        from dataset_version_members m join trajectories t on t.id = m.trajectory_id
        where m.version_id in (select dataset_version_id from student_results)
        group by m.version_id
      )
      select s.id, s.dataset_version_id, s.student_model, s.benchmark, s.score, s.notes,
        d.name as dataset, v.version, coalesce(c.members, 0) as members, c.egs, c.tor
      from student_results s
      join dataset_versions v on v.id = s.dataset_version_id
      join datasets d on d.id = v.dataset_id
      left join composition c on c.version_id = s.dataset_version_id
      order by d.name collate "C", v.version, s.score desc, s.id`),
  );
  if (results.length === 0) return [];

  // "C" collation: the same tie order on PGlite and on any server locale.
  const mix = rowsOf(
    await db.execute(sql`
      select m.version_id, coalesce(a.name, '(unknown)') as name, count(*)::int as members
      from dataset_version_members m
      join trajectories t on t.id = m.trajectory_id
      left join agents a on a.id = t.agent_id
      where m.version_id in (select dataset_version_id from student_results)
      group by m.version_id, coalesce(a.name, '(unknown)')
      order by m.version_id, members desc, coalesce(a.name, '(unknown)') collate "C"`),
  );
  const teachersOf = new Map<number, StudentTeacher[]>();
  for (const r of mix) {
    const versionId = Number(r.version_id);
    const list = teachersOf.get(versionId) ?? [];
    list.push({ name: String(r.name), members: Number(r.members) });
    teachersOf.set(versionId, list);
  }

  return results.map((r) => {
    const score = Number(r.score);
    const teachers = teachersOf.get(Number(r.dataset_version_id)) ?? [];
    return {
      id: Number(r.id),
      studentModel: String(r.student_model),
      benchmark: String(r.benchmark),
      score,
      rate: score >= 0 && score <= 1 ? score : null,
      notes: (r.notes as string | null) ?? null,
      dataset: String(r.dataset),
      version: Number(r.version),
      members: Number(r.members),
      egs: metric(r.egs),
      tor: metric(r.tor),
      teachers,
      mainTeacher: teachers[0]?.name ?? null,
    };
  });
}

/** EGS and TOR are stored as 4-byte floats: six decimals is all they hold. */
function metric(value: unknown): number | null {
  return value === null || value === undefined ? null : Math.round(Number(value) * 1e6) / 1e6;
}
