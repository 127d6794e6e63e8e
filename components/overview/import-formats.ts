/** What `trajstudio import` recognizes (DESIGN.md, "Formats"), for the onboarding copy. */
export const IMPORT_FORMATS: { name: string; detail: string }[] = [
  { name: "ATIF / Harbor", detail: "trajectory.json, job and trial directories" },
  { name: "Terminal-Bench", detail: "run directories with results.json and casts" },
  { name: "asciinema", detail: ".cast recordings, v2 and v3" },
  { name: "SWE-agent", detail: ".traj files" },
  { name: "mini-swe-agent", detail: "trajectory JSON and message lists" },
  { name: "OpenHands", detail: "event lists" },
  { name: "Inspect AI", detail: ".eval archives and .json logs" },
  { name: "OpenAI", detail: "chat JSONL with tool_calls" },
  { name: "ShareGPT", detail: "conversations JSON / JSONL" },
];
