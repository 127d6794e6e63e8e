import type { Manifest } from "./export-dataset";

const LOADING: Record<string, string> = {
  openai: "OpenAI chat JSONL (`messages` with `tool_calls`, plus `tools`): load with `datasets.load_dataset(\"json\", data_files=…)` and pass to TRL's `SFTTrainer`.",
  sharegpt: "ShareGPT in LLaMA-Factory's layout: copy the files and `dataset_info.json` into LLaMA-Factory's `data/` directory and name the dataset in your training config.",
  axolotl: "axolotl `chat_template` rows with a per-message `train` flag: `type: chat_template`, `field_messages: messages`, `message_field_training: train`.",
  atif: "ATIF-v1.7 documents (the Agent Trajectory Interchange Format of Harbor / Terminal-Bench), one file per trajectory.",
};

/**
 * The dataset card a hub displays (README.md with YAML front matter). Names of tasks and teachers
 * come from trajectories — untrusted — so they are escaped for Markdown and HTML alike.
 */
export function datasetCard(m: Manifest): string {
  const splits = m.files.filter((f) => f.records > 0 && f.path.endsWith(".jsonl"));
  const yaml = [
    "---",
    `pretty_name: ${yamlString(`${m.dataset} v${m.version}`)}`,
    "tags:",
    "- terminal-agents",
    "- agent-trajectories",
    "- sft",
    "task_categories:",
    "- text-generation",
    ...(splits.length
      ? ["configs:", "- config_name: default", "  data_files:", ...splits.flatMap((f) => [`  - split: ${f.path.replace(/\.jsonl$/, "")}`, `    path: ${f.path}`])]
      : []),
    "---",
  ];
  const teachers = Object.entries(m.counts.byTeacher);
  const egs = m.egs;
  const lines = [
    ...yaml,
    "",
    `# ${text(m.dataset)} — version ${m.version}`,
    "",
    `Terminal-agent trajectories curated and exported with Trajectory Studio as **${m.format}**. `
      + `${m.counts.exported} trajectories (${m.counts.bySplit.train} train, ${m.counts.bySplit.validation} validation) from ${teachers.length} teacher${teachers.length === 1 ? "" : "s"} over ${Object.keys(m.counts.byTask).length} tasks.`,
    "",
    `Version hash \`${m.versionHash}\`, frozen ${m.frozenAt}. Exporting this version again gives the same bytes.`,
    "",
    "## How it was selected",
    "",
    `- Filter (the trajectory list's query): \`${code(m.filter || "(all trajectories)")}\``,
    `- Curation: ${curation(m.curation)}`,
    "",
    "## Teachers",
    "",
    "| Teacher | Trajectories |",
    "| --- | ---: |",
    ...teachers.map(([name, n]) => `| ${text(name)} | ${n} |`),
    "",
    "## Environment-grounded supervision",
    "",
    egs && egs.scored > 0
      ? `EGS over ${egs.scored} scored members: mean ${fixed(egs.mean)}, p10 ${fixed(egs.p10)}, median ${fixed(egs.p50)}, p90 ${fixed(egs.p90)}. Per tenth (0–0.1 … 0.9–1): ${egs.histogram.join(" · ")}.`
      : "No member has an act to score.",
    "",
    "## Redaction",
    "",
    m.redactions === "off"
      ? "Redaction was turned off for this export."
      : Object.keys(m.redactions).length === 0
        ? "Secrets and e-mail addresses were searched for; none was found."
        : `Masked as \`[REDACTED:kind]\`: ${Object.entries(m.redactions).map(([kind, n]) => `${n} ${text(kind)}`).join(", ")}.`,
    "",
    "## Format",
    "",
    LOADING[m.format] ?? m.format,
    "",
    ...(Object.keys(m.counts.skipped).length
      ? ["Members left out because the format cannot express them:", "", ...Object.entries(m.counts.skipped).map(([why, n]) => `- ${text(why)}: ${n}`), ""]
      : []),
    "See `manifest.json` for the per-task counts and every option.",
    "",
  ];
  return lines.join("\n");
}

function curation(o: Manifest["curation"]): string {
  const parts = [
    o.outcome === "resolved" ? "resolved runs only" : "resolved and failed runs",
    o.minEgs !== undefined ? `EGS ≥ ${o.minEgs}` : null,
    o.minTor !== undefined ? `TOR ≥ ${o.minTor}` : null,
    o.maxPerTask !== undefined ? `at most ${o.maxPerTask} per task` : null,
    o.balanceTeachers ? "balanced across teachers" : null,
    o.dedupe ? "near-identical command sequences of a task deduplicated" : null,
    o.tokenBudget ? `at most ${o.tokenBudget.max} tokens (${text(o.tokenBudget.family)})` : null,
    o.validationShare > 0 ? `${Math.round(o.validationShare * 100)}% of tasks held out for validation (seed ${code(o.seed)})` : null,
    o.include.length ? `${o.include.length} included by hand` : null,
    o.exclude.length ? `${o.exclude.length} excluded by hand` : null,
  ];
  return parts.filter(Boolean).join("; ") + ".";
}

/** Text from trajectories in Markdown prose: no HTML, no Markdown syntax of its own. */
function text(value: string): string {
  return value.replace(/[\\`*_{}[\]()#+!|<>&~]/g, (c) => `\\${c}`).replace(/[\r\n]+/g, " ");
}

/** Inside a code span nothing is markup; only backticks and line breaks need care. */
function code(value: string): string {
  return value.replace(/`/g, "'").replace(/[\r\n]+/g, " ");
}

function yamlString(value: string): string {
  return JSON.stringify(value);
}

function fixed(value: number | null): string {
  return value === null ? "—" : value.toFixed(3);
}
