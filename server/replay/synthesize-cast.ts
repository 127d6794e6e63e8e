/*
 * A terminal session built from a trajectory's steps, for sources that came without a recording:
 * every trajectory replays. Pure: no I/O, no clock.
 *
 * For each agent step with an action: a green prompt, the command typed out a few characters at a
 * time (≤ 0.6 s in all), Enter, the observation, then a 0.4 s pause. User and system steps, and
 * agent steps without an action, are skipped. Times are synthetic (the steps' own timestamps are
 * often missing or coarse), increasing, in whole milliseconds. Escape sequences in commands and
 * observations pass through (the replay terminal is hardened against them); NUL bytes are dropped
 * and line ends become CRLF, as a terminal would show them.
 */

export type SynthesisStep = {
  action: string | null;
  observation: string | null;
  source: string;
  startedAt?: Date | null;
};

export type SynthesizedCast = {
  /** asciicast v2 text. */
  cast: string;
  /** Where each replayed step starts (seconds): `step` is the step's position in the input array. */
  markers: { step: number; time: number }[];
};

export const SYNTH_DEFAULTS = { width: 100, height: 30, prompt: "$ " } as const;

const GREEN = "\x1b[32m";
const RESET = "\x1b[0m";
/** Typing the command takes at most this long, in at most this many events. */
const TYPING_MS = 600;
const TYPING_EVENTS = 20;
const ENTER_AFTER_MS = 100;
const OUTPUT_AFTER_MS = 150;
const PAUSE_MS = 400;
const FIRST_PROMPT_MS = 200;

function clean(text: string): string {
  // NUL is dropped; CRLF, lone LF and lone CR-before-LF all become CRLF (a bare CR is kept:
  // progress bars redraw their line with it).
  return text.replace(/\0/g, "").replace(/\r*\n/g, "\r\n");
}

export function synthesizeCast(
  steps: readonly SynthesisStep[],
  options: { width?: number; height?: number; prompt?: string } = {},
): SynthesizedCast {
  const width = positiveInt(options.width, SYNTH_DEFAULTS.width);
  const height = positiveInt(options.height, SYNTH_DEFAULTS.height);
  const prompt = `${GREEN}${clean(options.prompt ?? SYNTH_DEFAULTS.prompt)}${RESET}`;

  const firstStart = steps.find((s) => s.startedAt instanceof Date && Number.isFinite(s.startedAt.getTime()))?.startedAt;
  const header: Record<string, unknown> = { version: 2, width, height };
  if (firstStart) header.timestamp = Math.floor(firstStart.getTime() / 1000);
  header.env = { TERM: "xterm-256color", SHELL: "/bin/sh" };
  header.title = "Synthesized from the trajectory's steps";

  const lines = [JSON.stringify(header)];
  const markers: { step: number; time: number }[] = [];
  let ms = 0;
  const emit = (data: string) => {
    if (data !== "") lines.push(JSON.stringify([ms / 1000, "o", data]));
  };

  steps.forEach((step, position) => {
    if (step.source !== "agent" || step.action === null || step.action.trim() === "") return;
    ms += markers.length === 0 ? FIRST_PROMPT_MS : PAUSE_MS;
    markers.push({ step: position, time: ms / 1000 });
    emit(prompt);

    // Typed by code points (never splitting a surrogate pair), in ≤ TYPING_EVENTS chunks of ≥ 3.
    const chars = Array.from(clean(step.action.replace(/\s+$/, "")));
    const size = Math.max(3, Math.ceil(chars.length / TYPING_EVENTS));
    const chunks = Math.ceil(chars.length / size);
    const gap = Math.floor(TYPING_MS / chunks);
    for (let k = 0; k < chunks; k++) {
      ms += gap;
      emit(chars.slice(k * size, (k + 1) * size).join(""));
    }
    ms += ENTER_AFTER_MS;
    emit("\r\n");

    const output = step.observation === null ? "" : clean(step.observation);
    if (output !== "") {
      ms += OUTPUT_AFTER_MS;
      emit(output.endsWith("\r\n") ? output : `${output}\r\n`);
    }
  });
  if (markers.length > 0) {
    ms += PAUSE_MS;
    emit(prompt); // the session ends at a prompt, as a finished one would
  }
  return { cast: `${lines.join("\n")}\n`, markers };
}

function positiveInt(value: number | undefined, fallback: number): number {
  return value !== undefined && Number.isInteger(value) && value > 0 ? value : fallback;
}
