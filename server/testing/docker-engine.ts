import { EngineUnreachableError } from "../rollouts/docker/docker-error";
import { type Engine, connectEngine } from "../rollouts/docker/engine";

/**
 * The Docker engine for tests that need one, or undefined (with a loud note) where none answers
 * on a developer's machine. `npm test` starts an engine and sets TRAJSTUDIO_REQUIRE_DOCKER: there
 * a missing engine fails the run instead of skipping its tests.
 */
export async function engineForTests(what: string): Promise<Engine | undefined> {
  try {
    return await connectEngine();
  } catch (error) {
    if (!(error instanceof EngineUnreachableError) || process.env.TRAJSTUDIO_REQUIRE_DOCKER) throw error;
    console.warn(`\n!!! ${what} SKIPPED: ${error.message}\n!!! Run \`bash scripts/ensure-docker.sh\` to run them.\n`);
    return undefined;
  }
}
