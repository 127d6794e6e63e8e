/**
 * The images a Dockerfile's FROM lines name, in order, without `scratch` and without references
 * to earlier stages (`FROM build`). ARG defaults declared before the first FROM and build args
 * are substituted; a name still holding a variable is left out, as we cannot tell what it is.
 */
export function baseImages(dockerfile: string, buildArgs: Record<string, string> = {}): string[] {
  const lines = dockerfile.replace(/\\\r?\n/g, " ").split(/\r?\n/);
  const args: Record<string, string> = {};
  const stages = new Set<string>();
  const images: string[] = [];
  let seenFrom = false;
  for (const raw of lines) {
    const line = raw.trim();
    const arg = /^ARG\s+([A-Za-z_][A-Za-z0-9_]*)(?:=(\S*))?/i.exec(line);
    if (arg && !seenFrom) args[arg[1]!] = buildArgs[arg[1]!] ?? (arg[2] ?? "").replace(/^["']|["']$/g, "");
    const from = /^FROM\s+(.*)$/i.exec(line);
    if (!from) continue;
    seenFrom = true;
    const words = from[1]!.split(/\s+/).filter((w) => !w.startsWith("--"));
    const image = (words[0] ?? "").replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (whole, name: string) => args[name] ?? whole);
    const skip = !image || image.includes("$") || image === "scratch" || stages.has(image.toLowerCase()) || images.includes(image);
    if (!skip) images.push(image);
    if (words[1]?.toLowerCase() === "as" && words[2]) stages.add(words[2].toLowerCase());
  }
  return images;
}
