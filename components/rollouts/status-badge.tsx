import type { RolloutRow } from "@/components/api-types";
import { Badge, type Tone } from "@/components/ui/badge";

const STATUS: Record<RolloutRow["status"], Tone> = {
  queued: "neutral",
  running: "info",
  succeeded: "success",
  failed: "danger",
  cancelled: "neutral",
};

export function RolloutStatusBadge({ status }: { status: RolloutRow["status"] }) {
  return (
    <Badge tone={STATUS[status]} dot pulse={status === "running"}>
      {status}
    </Badge>
  );
}
