import { spawn } from "node:child_process";
import fs from "node:fs";

/**
 * Runs a command to its end and reports its peak resident set size (Linux VmHWM, sampled every
 * 20 ms: the high-water mark only grows, so the last sample before exit is the peak but for the
 * last few milliseconds). The process measured is the one a user runs, not the benchmark's own.
 */
export async function peakRss(command: string, args: string[], env: Record<string, string> = {}): Promise<{ mb: number; stderr: string }> {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ["ignore", "ignore", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let peakKb = 0;
  const sample = () => {
    try {
      const match = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
      if (match) peakKb = Math.max(peakKb, Number(match[1]));
    } catch {
      // exited between samples
    }
  };
  const timer = setInterval(sample, 20);
  const code = await new Promise<number | null>((resolve, reject) => child.once("error", reject).once("exit", resolve));
  clearInterval(timer);
  if (code !== 0) throw new Error(`${command} ${args.join(" ")} exited with ${code}: ${stderr.trim().slice(-2000)}`);
  return { mb: peakKb / 1024, stderr };
}
