/**
 * A Terminus-2 session as an ATIF document, for tests and benchmarks that need a real file to
 * import: a task prompt, then one agent step per command (keystrokes sent to the terminal, the
 * output it printed, optionally the model's message). Ids and step numbers follow ATIF-v1.7.
 */
/** A command line, or a step with a message and/or a command (a message alone: no tool call). */
export type AtifCommand = string | { keystrokes?: string; output?: string; message?: string };

export type AtifSession = {
  session: string;
  /** The task prompt (the user step); "Task Description:\n<session>" when left out. */
  task?: string;
  agent?: string;
  model?: string;
  commands: AtifCommand[];
};

export function atifDocument({ session, task, agent = "terminus-2", model = "test-model", commands }: AtifSession) {
  return {
    schema_version: "ATIF-v1.7",
    session_id: session,
    agent: { name: agent, model_name: model },
    steps: [
      { step_id: 1, source: "user", message: task ?? `Task Description:\n${session}` },
      ...commands.map((command, i) => {
        const { keystrokes, output, message } = typeof command === "string" ? { keystrokes: command } : command;
        return {
          step_id: i + 2,
          source: "agent",
          ...(message !== undefined ? { message } : {}),
          ...(keystrokes !== undefined ? { tool_calls: [{ tool_call_id: `c${i}`, function_name: "bash_command", arguments: { keystrokes: `${keystrokes}\n` } }] } : {}),
          ...(output !== undefined ? { observation: { results: [{ source_call_id: `c${i}`, content: output }] } } : {}),
        };
      }),
    ],
  };
}

/** The same, serialized: what a file on disk holds. */
export function atifJson(session: AtifSession): string {
  return JSON.stringify(atifDocument(session));
}
