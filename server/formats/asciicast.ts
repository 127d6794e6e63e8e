import { looksLikeCastHeader, parseCast } from "./parse-cast";
import { decodeText } from "./read-json";
import { commandSteps, describeSegmentation, segmentCastCommands } from "./segment-cast";
import type { FileImporter, NormalizedTrajectory } from "./types";

export { parseCast, type Cast, type CastEvent } from "./parse-cast";
export { segmentCast, segmentCastCommands, type CastCommand, type CastSegmentation } from "./segment-cast";

/*
 * A bare terminal recording (asciicast v2 or v3). It names no task and no agent, and has no
 * structured steps: the steps are the commands found in it (see segment-cast.ts), and the
 * recording itself is kept for replay. A recording with no command in it is still imported:
 * zero steps, replayable, with a warning saying so.
 */
export const asciicastImporter: FileImporter = {
  format: "asciicast",
  label: "asciicast recording (v2/v3)",
  detect: (head) => looksLikeCastHeader(head),
  async parse(file) {
    const text = decodeText(await file.read(), file.path);
    const cast = parseCast(text, file.path);
    const segmentation = segmentCastCommands(cast);
    const steps = commandSteps(cast, segmentation.commands);
    const warnings = [
      ...cast.warnings,
      steps.length > 0
        ? `no structured steps: ${describeSegmentation(segmentation)}`
        : `no structured steps and ${describeSegmentation(segmentation)}: zero steps, the recording is kept for replay`,
    ];
    const last = cast.events[cast.events.length - 1]?.time ?? 0;
    const startedAt = cast.timestamp === null ? null : new Date(cast.timestamp * 1000);
    const trajectory: NormalizedTrajectory = {
      agent: null,
      task: null,
      startedAt,
      endedAt: startedAt && new Date(startedAt.getTime() + Math.round(last * 1000)),
      durationMs: Math.round(last * 1000),
      steps,
      recording: text,
      failureTags: [],
      warnings,
    };
    return { trajectories: [trajectory], warnings: [] };
  },
};
