/** The four step tags, their keys and how they are shown. */
export const STEP_TAGS = ["inspect", "act", "verify", "other"] as const;
export type StepTag = (typeof STEP_TAGS)[number];

/** Keyboard labeling: 1 inspect, 2 act, 3 verify, 0 other. */
export const TAG_KEYS: Record<string, StepTag> = { "1": "inspect", "2": "act", "3": "verify", "0": "other" };

export function isStepTag(value: unknown): value is StepTag {
  return typeof value === "string" && (STEP_TAGS as readonly string[]).includes(value);
}
