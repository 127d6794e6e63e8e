import { z } from "zod";
import { InvalidInputError } from "../errors";
import { TOKEN_FAMILIES } from "../exports/count-tokens";

/**
 * How a dataset turns the trajectories its filter matches into training members. Stored with the
 * dataset (and frozen with each version), so a version records exactly how it was curated.
 */
export const CurationOptions = z
  .object({
    /** Minimum EGS / TOR (0–1); trajectories without the metric (no act) are left out when set. */
    minEgs: z.number().min(0).max(1).optional(),
    minTor: z.number().min(0).max(1).optional(),
    /** "resolved": only runs that passed; "any": failed but grounded runs can teach too. */
    outcome: z.enum(["resolved", "any"]).default("resolved"),
    /** At most this many per task (the most grounded first). */
    maxPerTask: z.number().int().positive().optional(),
    /** As many from each teacher: every teacher is cut to the smallest teacher's count. */
    balanceTeachers: z.boolean().default(false),
    /** Keep one of the runs of a task whose command sequences are the same but for numbers and spacing. */
    dedupe: z.boolean().default(true),
    /** Leave out trajectories longer than this many tokens (counted by the family's tokenizer). */
    tokenBudget: z.object({ max: z.number().int().positive(), family: z.enum(TOKEN_FAMILIES) }).optional(),
    /** Share of tasks (not trajectories: no task in both) held out for validation, chosen by seed. */
    validationShare: z.number().min(0).max(0.9).default(0),
    seed: z.string().min(1).max(100).default("trajstudio"),
    /** Trajectory ids always in, or always out, whatever the filter says. */
    include: z.array(z.number().int().positive()).max(100_000).default([]),
    exclude: z.array(z.number().int().positive()).max(100_000).default([]),
    /** Steps (by index) of member trajectories that are shown but never trained on. */
    excludeSteps: z.record(z.string().regex(/^\d+$/), z.array(z.number().int().nonnegative())).default({}),
  })
  .strict();
export type CurationOptions = z.output<typeof CurationOptions>;
export type CurationOptionsInput = z.input<typeof CurationOptions>;

/** Options as stored: defaults filled in, so a frozen version says everything that applied. */
export function normalizeOptions(options: unknown): CurationOptions {
  const parsed = CurationOptions.safeParse(options ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new InvalidInputError(`Curation option ${issue.path.join(".") || "(options)"}: ${issue.message}`);
}
