import { Badge } from "@/components/ui/badge";
import { formatReward } from "@/components/ui/format";

/** resolved / failed / unknown, from the verifier's verdict (reward in the tooltip). */
export function OutcomeBadge({ resolved, reward }: { resolved: boolean | null; reward: number | null }) {
  const title = reward == null ? "No reward recorded" : `Reward ${formatReward(reward)}`;
  if (resolved === true)
    return (
      <Badge tone="success" dot title={title}>
        resolved
      </Badge>
    );
  if (resolved === false)
    return (
      <Badge tone="danger" dot title={title}>
        failed
      </Badge>
    );
  return (
    <Badge tone="neutral" dot title={title}>
      unknown
    </Badge>
  );
}
