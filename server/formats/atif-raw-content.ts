/**
 * Raw-content mode: Terminus-2 can record the model's reply verbatim instead of tool calls. The
 * commands are then inside the reply — a JSON object with `commands[{keystrokes}]`, or XML with
 * `<keystrokes>` elements — and are recovered from there. Text around the JSON is tolerated, as
 * the harness tolerates it.
 */
export function recoverRawCommands(message: string): string[] {
  return fromJson(message) ?? fromXml(message);
}

function fromJson(message: string): string[] | undefined {
  const start = message.indexOf("{");
  const end = message.lastIndexOf("}");
  if (start === -1 || end <= start) return undefined;
  try {
    const reply = JSON.parse(message.slice(start, end + 1)) as { commands?: unknown };
    if (!Array.isArray(reply.commands)) return undefined;
    return reply.commands.flatMap((c) => (typeof c?.keystrokes === "string" ? [c.keystrokes as string] : []));
  } catch {
    return undefined;
  }
}

function fromXml(message: string): string[] {
  const unescape = (s: string) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
  return [...message.matchAll(/<keystrokes\b[^>]*>([\s\S]*?)<\/keystrokes>/g)].map((m) => unescape(m[1]!));
}
