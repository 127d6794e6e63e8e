import http from "node:http";
import type { AddressInfo } from "node:net";

/*
 * A scripted stand-in for a remote, paid LLM: a real HTTP server speaking the OpenAI-compatible
 * chat completions protocol on localhost. It answers with the given replies in order and keeps
 * every request, so tests can check what the agent sent (observations, headers) over the wire.
 */

export type RecordedRequest = {
  authorization: string | undefined;
  body: { model: string; temperature?: number; messages: { role: string; content: string }[] };
};

export type TerminusServer = {
  /** The endpoint to give the agent as its base URL (…/v1). */
  baseUrl: string;
  requests: RecordedRequest[];
  close(): Promise<void>;
};

/** A Terminus reply as the model would write it. */
export function terminusReply(analysis: string, plan: string, commands: { keystrokes: string; duration?: number }[], taskComplete = false): string {
  // A long default wait costs nothing (the wait ends at the command's prompt) and keeps a loaded
  // machine from splitting one command's output into the next step.
  return JSON.stringify({ analysis, plan, commands: commands.map((c) => ({ duration: 10, ...c })), task_complete: taskComplete });
}

export async function startTerminusServer(replies: string[]): Promise<TerminusServer> {
  const requests: RecordedRequest[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      if (req.method !== "POST" || req.url !== "/v1/chat/completions") return send(res, 404, { error: { message: `no route ${req.method} ${req.url}` } });
      const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as RecordedRequest["body"];
      const index = requests.push({ authorization: req.headers.authorization, body }) - 1;
      // Running out of script is the test's mistake: say so rather than invent a reply.
      if (index >= replies.length) return send(res, 500, { error: { message: `script has only ${replies.length} replies` } });
      const content = replies[index]!;
      const prompt = body.messages.reduce((n, m) => n + m.content.length, 0);
      send(res, 200, {
        id: `chatcmpl-${index}`,
        object: "chat.completion",
        model: body.model,
        choices: [{ index: 0, message: { role: "assistant", content }, finish_reason: "stop" }],
        // Rough token counts (4 characters a token): tests only need them present and positive.
        usage: { prompt_tokens: Math.ceil(prompt / 4), completion_tokens: Math.ceil(content.length / 4), total_tokens: Math.ceil((prompt + content.length) / 4) },
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // The agent's fetch keeps its connection alive; closing waits for no idle socket.
        server.closeAllConnections();
      }),
  };
}

function send(res: http.ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { "content-type": "application/json" });
  res.end(JSON.stringify(body));
}
