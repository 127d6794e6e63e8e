import { describe, expect, it } from "vitest";
import { baseImages } from "./dockerfile-from";

describe("baseImages", () => {
  it("lists the images FROM names, not stages, scratch or unknown variables", () => {
    const dockerfile = [
      "ARG BASE=debian:bookworm-slim",
      "FROM --platform=linux/amd64 ${BASE} AS build",
      "RUN make",
      "FROM build AS test",
      "from ubuntu:24.04",
      "FROM scratch",
      "FROM $UNSET",
      "FROM \\",
      "  python:3.12-slim",
    ].join("\n");
    expect(baseImages(dockerfile)).toEqual(["debian:bookworm-slim", "ubuntu:24.04", "python:3.12-slim"]);
    expect(baseImages(dockerfile, { BASE: "alpine:3" })[0]).toBe("alpine:3");
  });
});
