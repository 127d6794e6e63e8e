import { asciicastImporter } from "./asciicast";
import { atifImporter } from "./atif";
import { harborTrialImporter } from "./harbor";
import { inspectImporter } from "./inspect";
import { miniSweAgentImporter } from "./mini-swe-agent";
import { openaiJsonlImporter } from "./openai-jsonl";
import { openHandsImporter } from "./openhands";
import { shareGptImporter } from "./sharegpt";
import { sweAgentImporter } from "./swe-agent";
import { terminalBenchTrialImporter } from "./terminal-bench";
import type { DirectoryImporter, FileImporter } from "./types";

/** Directory formats, tried first: a trial directory is imported whole. */
export const directoryImporters: DirectoryImporter[] = [harborTrialImporter, terminalBenchTrialImporter];

/** Single-file formats, in the order their detectors are asked. */
export const fileImporters: FileImporter[] = [
  atifImporter,
  asciicastImporter,
  sweAgentImporter,
  miniSweAgentImporter,
  openHandsImporter,
  inspectImporter,
  openaiJsonlImporter,
  shareGptImporter,
];

export const formatNames = [...directoryImporters.map((i) => i.format), ...fileImporters.map((i) => i.format)];

export function fileImporterFor(format: string): FileImporter | undefined {
  return fileImporters.find((i) => i.format === format);
}
