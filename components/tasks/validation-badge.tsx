import type { TaskRow } from "@/components/api-types";
import { Badge, type Tone } from "@/components/ui/badge";

const VALIDATION: Record<TaskRow["validation"], { tone: Tone; title: string }> = {
  valid: { tone: "success", title: "Round trip passed: the reference solution passes the tests and doing nothing fails them" },
  invalid: { tone: "warning", title: "Round trip failed: the solution did not pass, or doing nothing did not fail" },
  error: { tone: "danger", title: "Validation could not run (build or container error)" },
  unvalidated: { tone: "neutral", title: "Not validated yet" },
};

export function ValidationBadge({ validation }: { validation: TaskRow["validation"] }) {
  const { tone, title } = VALIDATION[validation];
  return (
    <Badge tone={tone} dot title={title}>
      {validation}
    </Badge>
  );
}
