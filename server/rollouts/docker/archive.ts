import { DockerError } from "./docker-error";
import { type Engine, call, readAll, send } from "./engine";
import { type TarEntry, directoryEntries, readTarFiles, writeTar } from "./tar";

/**
 * Copies a host directory's contents into the container at `containerPath` (an absolute path),
 * creating it and its parents. Files are owned by root; executable bits are kept.
 */
export async function copyDirectoryIn(engine: Engine, containerId: string, hostDir: string, containerPath: string): Promise<void> {
  const parts = containerPath.split("/").filter(Boolean);
  // The engine unpacks only into a directory that exists, so the archive goes to the deepest
  // existing ancestor and carries the missing directories itself. Existing ones are not in it:
  // unpacking a directory entry would reset its mode (/tmp's 1777, say).
  let existing = parts.length;
  while (existing > 0 && !(await pathExists(engine, containerId, `/${parts.slice(0, existing).join("/")}`))) existing--;
  const base = `/${parts.slice(0, existing).join("/")}`;
  const missing: TarEntry[] = parts.slice(existing).map((_, i) => ({ type: "dir", name: parts.slice(existing, existing + i + 1).join("/") }));
  const entries = await directoryEntries(hostDir, parts.slice(existing).join("/"));
  await putArchive(engine, containerId, base, writeTar([...missing, ...entries]));
}

/** Whether a path exists in the container (HEAD on the archive endpoint only stats it). */
export async function pathExists(engine: Engine, containerId: string, containerPath: string): Promise<boolean> {
  try {
    (await send(engine, { method: "HEAD", path: `/containers/${containerId}/archive`, query: { path: containerPath } })).resume();
    return true;
  } catch (error) {
    if (error instanceof DockerError && error.status === 404) return false;
    throw error;
  }
}

/** Unpacks a tar archive into the container under `containerPath`, which must exist. */
export async function putArchive(engine: Engine, containerId: string, containerPath: string, archive: Buffer): Promise<void> {
  await call(engine, {
    method: "PUT",
    path: `/containers/${containerId}/archive`,
    query: { path: containerPath, noOverwriteDirNonDir: true },
    body: archive,
    headers: { "Content-Type": "application/x-tar" },
  });
}

/** A file's bytes from inside the container, or undefined when there is no such file. */
export async function readContainerFile(engine: Engine, containerId: string, containerPath: string): Promise<Buffer | undefined> {
  let archive: Buffer;
  try {
    archive = await readAll(await send(engine, { method: "GET", path: `/containers/${containerId}/archive`, query: { path: containerPath } }));
  } catch (error) {
    if (error instanceof DockerError && error.status === 404) return undefined;
    throw error;
  }
  // The archive holds the file under its base name (or a directory's tree, which is no file).
  const base = containerPath.split("/").filter(Boolean).pop() ?? "";
  return readTarFiles(archive).get(base);
}
