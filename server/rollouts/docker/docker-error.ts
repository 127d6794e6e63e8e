import { ServiceError } from "../../errors";

/** The engine answered with an error status; `message` is the engine's own, from its JSON body. */
export class DockerError extends ServiceError {
  constructor(
    message: string,
    readonly status: number,
    /** What we asked for (`POST /containers/create`), so a log line says which call failed. */
    readonly request = "",
  ) {
    super(message);
  }
}

/** Nothing answers at the configured address: say where we looked and how to start an engine. */
export class EngineUnreachableError extends DockerError {
  constructor(where: string, cause: string) {
    super(
      `No Docker engine answers at ${where} (${cause}). Start one with \`bash scripts/ensure-docker.sh\`, or set DOCKER_HOST to an engine that runs.`,
      0,
    );
  }
}

/** A Dockerfile's FROM names an image the engine does not have and could not pull. */
export class BaseImageMissingError extends DockerError {
  constructor(
    readonly image: string,
    engineMessage: string,
  ) {
    super(
      `Base image ${image} is not in the local Docker engine and could not be pulled (${engineMessage.trim()}). ` +
        `Build or load it locally (for debian:bookworm-slim: \`bash scripts/ensure-base-image.sh\`), or make a registry reachable.`,
      404,
    );
  }
}
