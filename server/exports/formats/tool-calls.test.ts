import { describe, expect, it } from "vitest";
import { exportStep } from "./testing-export";
import { toolCallOf, toolSchemas } from "./tool-calls";

describe("steps as tool calls", () => {
  it("keeps a recorded call and its argument object, with the step's index as the id", () => {
    const step = exportStep(7, { toolName: "str_replace_editor", toolArgs: { command: "view", path: "/app" }, action: "str_replace_editor view /app" });
    expect(toolCallOf(step)).toEqual({ id: "call_7", name: "str_replace_editor", arguments: { command: "view", path: "/app" } });
  });

  it("gives steps without recorded arguments the terminal tools: keystrokes when known, else the command", () => {
    // A raw-content Terminus reply, recovered by the ATIF importer (tool name inferred, no arguments).
    expect(toolCallOf(exportStep(1, { toolName: "keystrokes", action: "ls", keystrokes: "ls\n" }))).toEqual({ id: "call_1", name: "bash_command", arguments: { keystrokes: "ls\n" } });
    // A SWE-agent command line: the tool name is the command's first word.
    expect(toolCallOf(exportStep(2, { toolName: "open", action: "open src/a.py" }))).toEqual({ id: "call_2", name: "bash", arguments: { command: "open src/a.py" } });
    // Commands segmented from a terminal recording: the keystrokes hold the terminal's replies too.
    expect(toolCallOf(exportStep(3, { action: "cat /etc/os-release" }))).toEqual({ id: "call_3", name: "bash", arguments: { command: "cat /etc/os-release" } });
    expect(toolCallOf(exportStep(4, { action: ":q", keystrokes: "\u001b[2;2R:q" }))).toEqual({ id: "call_4", name: "bash", arguments: { command: ":q" } });
  });

  it("wraps arguments that are not an object, keeps a bare tool result's name, and has no call for a message", () => {
    expect(toolCallOf(exportStep(4, { toolName: "python", toolArgs: "print(1", action: 'python("print(1")' }))).toEqual({ id: "call_4", name: "python", arguments: { input: "print(1" } });
    expect(toolCallOf(exportStep(5, { toolName: "bash", observation: "orphan output", trainable: false }))).toEqual({ id: "call_5", name: "bash", arguments: {} });
    expect(toolCallOf(exportStep(6, { thought: "Thinking." }))).toBeNull();
    expect(toolCallOf(exportStep(7, { source: "user", action: "ls" }))).toBeNull();
  });
});

describe("tool schemas", () => {
  it("gives known tools their fixed schema and infers the others from the arguments seen, sorted by name", () => {
    const schemas = toolSchemas([
      { id: "call_1", name: "edit", arguments: { path: "a", line: 3, dry: false } },
      { id: "call_2", name: "bash", arguments: { command: "ls" } },
      { id: "call_3", name: "edit", arguments: { path: "b", line: 2.5, text: null } },
      { id: "call_4", name: "bash_command", arguments: { keystrokes: "ls\n", duration: 0.1, block: true } },
    ]);
    expect(schemas.map((s) => s.name)).toEqual(["bash", "bash_command", "edit"]);
    expect(schemas[0]!.parameters).toEqual({ type: "object", properties: { command: { type: "string", description: "The command line to run." } }, required: ["command"] });
    expect(schemas[1]!.parameters.properties.block).toEqual({ type: "boolean" });
    expect(schemas[1]!.parameters.required).toEqual(["keystrokes", "block"]);
    expect(schemas[2]!.parameters).toEqual({
      type: "object",
      properties: { dry: { type: "boolean" }, line: { type: "number" }, path: { type: "string" }, text: { type: "null" } },
      required: ["line", "path"],
    });
  });

  it("lists every type a key was given", () => {
    const [schema] = toolSchemas([
      { id: "call_1", name: "wait", arguments: { seconds: "5" } },
      { id: "call_2", name: "wait", arguments: { seconds: 5 } },
    ]);
    expect(schema!.parameters.properties.seconds).toEqual({ type: ["integer", "string"] });
  });
});
