import { describe, expect, it } from "vitest";
import { createRedactor, redactText } from "./redact";

/*
 * Planted secrets are fake, and assembled from parts so that secret scanners (and a host's push
 * protection) don't take this file for a leak. Their lengths are checked below, since the expected
 * offsets are worked out from them.
 */
const j = (...parts: string[]) => parts.join("");
const GH = j("ghp", "_", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8"); // 4 + 36
const GH_FINE = j("github", "_pat_", "11ABCDEFG0123456789abc", "_", "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456");
const GLPAT = j("glpat", "-", "Zx9yW8vU7tS6rQ5pO4nM"); // 6 + 20
const SLACK_BOT = j("xoxb", "-", "781236542736-2364535789652-GkwFDQoHqzXDVsC6GzqYUypD");
const SLACK_HOOK_PATH = j("T0DCUJB1Q", "/B0DD08H5G/", "bJtrpFi1fO1JMCcwLx8uZyAg"); // 44
const OPENAI = j("sk-", "proj-", "Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4z"); // 8 + 32
const ANTHROPIC = j("sk-ant-", "api03-", "aB3-dE6_".repeat(12), "AA"); // 13 + 96 + 2
const GOOGLE = j("AIza", "SyD-9tSrke72PouQMnMX-a7eZSW0jkFMBWY"); // 4 + 35
const STRIPE = j("sk", "_live_", "4eC39HqLyjWDarjtT1zdp7dc"); // 8 + 24
const HF = j("hf", "_", "QJPYADbNZNWUpZuQJgcVJxsXPBEFmgWkQK"); // 3 + 34
const NPM = j("npm", "_", "Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56Qr78"); // 4 + 36
const AWS_ID = j("AKIA", "Z7QMN2XK4RT5VWPL"); // 4 + 16
const AWS_SECRET = j("lbqlNh3FW5/3AwnBoWsY", "IJam9w2Us4ZOH5Un8RyR"); // 40
const JWT = [j("eyJhbGciOiJIUzI1NiIs", "InR5cCI6IkpXVCJ9"), j("eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFt", "ZSI6IkpvaG4gRG9lIn0"), "SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c"].join(".");

const pem = (type: string, body: string[], nl = "\n") =>
  [j("-----BEGIN ", type && `${type} `, "PRIVATE KEY-----"), ...body, j("-----END ", type && `${type} `, "PRIVATE KEY-----")].join(nl);
const BODY = [
  "MIIBOgIBAAJBAKj34GkxFhD90vcNLYLInFEX6Ppy1tPf9Cnzj4p4WGeKLs1Pt8Qu",
  "KUpRKfFLfRYC9AIKjbJTWit+CqvjWYzvQwECAwEAAQJAIJLixBy2qpFoS4DSmoEm",
  "o3qGy0t6z09AIJtH+5OeRV1be+N4cDYJKffGzDa88vQENZiRm0GRq6a+HPGQMd2k",
];
const RSA = pem("RSA", BODY); // 31 + 1 + 3 × 65 + 29 = 256

const kinds = (text: string) => redactText(text).findings.map((f) => f.kind);

describe("fixtures", () => {
  it("have the lengths the offsets below are worked out from", () => {
    expect([GH, GLPAT, SLACK_HOOK_PATH, OPENAI, ANTHROPIC, GOOGLE, STRIPE, HF, NPM, AWS_ID, AWS_SECRET].map((s) => s.length)).toEqual([
      40, 26, 44, 40, 111, 39, 32, 37, 40, 20, 40,
    ]);
    expect(GH_FINE.length).toBe(11 + 82);
    expect(RSA.length).toBe(256);
  });
});

describe("redactText: secrets planted in terminal output", () => {
  it("an `env` dump: each secret masked by kind, the rest untouched", () => {
    const env = [
      "HOME=/root",
      "PATH=/usr/local/bin:/usr/bin:/bin",
      `GITHUB_TOKEN=${GH}`,
      `OPENAI_API_KEY=${OPENAI}`,
      `AWS_ACCESS_KEY_ID=${AWS_ID}`,
      `AWS_SECRET_ACCESS_KEY=${AWS_SECRET}`,
      `HF_TOKEN=${HF}`,
      "DB_PASSWORD=hunter2!",
      "LANG=C.UTF-8",
    ].join("\n");
    const r = redactText(env);
    expect(r.text).toBe(
      [
        "HOME=/root",
        "PATH=/usr/local/bin:/usr/bin:/bin",
        "GITHUB_TOKEN=[REDACTED:github-token]",
        "OPENAI_API_KEY=[REDACTED:openai-api-key]",
        "AWS_ACCESS_KEY_ID=[REDACTED:aws-access-key-id]",
        "AWS_SECRET_ACCESS_KEY=[REDACTED:aws-secret-access-key]",
        "HF_TOKEN=[REDACTED:huggingface-token]",
        "DB_PASSWORD=[REDACTED:password]",
        "LANG=C.UTF-8",
      ].join("\n"),
    );
    // One finding per secret: the generic `…_TOKEN=` / `…_KEY=` rule and the token's own rule agree.
    expect(r.findings.map((f) => f.kind)).toEqual(["github-token", "openai-api-key", "aws-access-key-id", "aws-secret-access-key", "huggingface-token", "password"]);
    // "HOME=/root\n" 11 + "PATH=/usr/local/bin:/usr/bin:/bin\n" 34 + "GITHUB_TOKEN=" 13 → 58
    expect(r.findings[0]).toMatchObject({ start: 58, end: 98, preview: "ghp_…Q7r8" });
    expect(r.findings.at(-1)).toMatchObject({ start: env.indexOf("hunter2!"), end: env.indexOf("hunter2!") + 8, preview: "…(8 chars)" });
  });

  it("curl: a JWT in a Bearer header is one jwt finding; other auth headers keep their scheme", () => {
    const cmd = `curl -sS -H "Authorization: Bearer ${JWT}" https://api.internal/v1/me`;
    const r = redactText(cmd);
    expect(r.text).toBe('curl -sS -H "Authorization: Bearer [REDACTED:jwt]" https://api.internal/v1/me');
    // 'curl -sS -H "Authorization: Bearer ' is 5 + 4 + 3 + 1 + 15 + 7 = 35 characters.
    expect(r.findings).toEqual([{ kind: "jwt", start: 35, end: 35 + JWT.length, preview: "eyJ…sw5c" }]);

    expect(redactText(`curl -H 'Authorization: token ${GH}' https://api.github.com/user`).text).toBe(
      "curl -H 'Authorization: token [REDACTED:github-token]' https://api.github.com/user",
    );
    expect(redactText('curl -H "Authorization: Basic dXNlcjpodW50ZXIy" http://localhost:9200').text).toBe(
      'curl -H "Authorization: Basic [REDACTED:basic-auth]" http://localhost:9200',
    );
    expect(redactText(`curl https://api.anthropic.com/v1/messages -H "x-api-key: ${ANTHROPIC}"`).text).toBe(
      'curl https://api.anthropic.com/v1/messages -H "x-api-key: [REDACTED:anthropic-api-key]"',
    );
    expect(redactText(`curl "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=${GOOGLE}"`).text).toBe(
      'curl "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=[REDACTED:google-api-key]"',
    );
    expect(redactText(`curl -X POST -d '{"text":"hi"}' https://hooks.slack.com/services/${SLACK_HOOK_PATH}`).text).toBe(
      `curl -X POST -d '{"text":"hi"}' https://hooks.slack.com/services/[REDACTED:slack-webhook]`,
    );
    expect(redactText("curl --user admin:Tr0ub4dor&3 https://registry.internal/v2/").text).toBe(
      "curl --user admin:[REDACTED:basic-auth] https://registry.internal/v2/",
    );
  });

  it("git: a token in a remote URL is masked, the URL stays readable; SSH remotes and SHAs stay", () => {
    const out = [
      "$ git remote -v",
      `origin\thttps://oauth2:${GLPAT}@gitlab.com/acme/app.git (fetch)`,
      "upstream\tgit@github.com:acme/app.git (fetch)",
      "$ git log -1",
      "commit 3f786850e387550fdab836ed7e6dc881de23001b",
      "Author: Jane Doe <jane.doe@acme.io>",
    ].join("\n");
    expect(redactText(out).text).toBe(
      [
        "$ git remote -v",
        "origin\thttps://oauth2:[REDACTED:gitlab-token]@gitlab.com/acme/app.git (fetch)",
        "upstream\tgit@github.com:acme/app.git (fetch)",
        "$ git log -1",
        "commit 3f786850e387550fdab836ed7e6dc881de23001b",
        "Author: Jane Doe <[REDACTED:email]>",
      ].join("\n"),
    );
    expect(redactText("git clone https://deploy:pa55w0rd@git.acme.io/app.git").text).toBe(
      "git clone https://deploy:[REDACTED:url-password]@git.acme.io/app.git",
    );
  });

  it("config files: YAML, JSON, .npmrc (token and legacy UUID), Stripe and Slack", () => {
    const yml = ["database:", "  host: db.internal", '  password: "s3cr3t!pw"', `stripe_secret_key: ${STRIPE}`, `slack_bot: ${SLACK_BOT}`].join("\n");
    expect(redactText(yml).text).toBe(
      ["database:", "  host: db.internal", '  password: "[REDACTED:password]"', "stripe_secret_key: [REDACTED:stripe-key]", "slack_bot: [REDACTED:slack-token]"].join("\n"),
    );
    expect(redactText('{"username": "app", "password": "correct horse battery", "api_key": "9f8e7d6c5b4a"}').text).toBe(
      '{"username": "app", "password": "[REDACTED:password]", "api_key": "[REDACTED:secret]"}',
    );
    const npmrc = [`//registry.npmjs.org/:_authToken=${NPM}`, "//npm.acme.io/:_authToken=5f8d3c2a-1b4e-4c6d-9a7b-0e1f2a3b4c5d"].join("\n");
    expect(redactText(npmrc).text).toBe(["//registry.npmjs.org/:_authToken=[REDACTED:npm-token]", "//npm.acme.io/:_authToken=[REDACTED:npm-token]"].join("\n"));
  });

  it("CLI flags: --password X and --token=X; -p is too ambiguous to touch", () => {
    expect(redactText("mysql -h db --password s3cret -e 'select 1'").text).toBe("mysql -h db --password [REDACTED:password] -e 'select 1'");
    expect(redactText(`huggingface-cli login --token=${HF}`).text).toBe("huggingface-cli login --token=[REDACTED:huggingface-token]");
    expect(redactText("mysql -u root -psecret123").findings).toEqual([]);
  });

  it("npm logs: a token echoed in an error is masked; npm's own '(protected)' is not a secret", () => {
    const log = [
      "npm verbose config //registry.npmjs.org/:_authToken=(protected)",
      `npm error 403 Forbidden - PUT https://registry.npmjs.org/@acme%2fcli - token ${NPM} has no write access`,
      "npm error A complete log of this run can be found in: /root/.npm/_logs/2025-01-01T00_00_00_000Z-debug-0.log",
    ].join("\n");
    expect(redactText(log).text).toBe(
      [
        "npm verbose config //registry.npmjs.org/:_authToken=(protected)",
        "npm error 403 Forbidden - PUT https://registry.npmjs.org/@acme%2fcli - token [REDACTED:npm-token] has no write access",
        "npm error A complete log of this run can be found in: /root/.npm/_logs/2025-01-01T00_00_00_000Z-debug-0.log",
      ].join("\n"),
    );
  });

  it("other token shapes: fine-grained GitHub PAT, OpenAI legacy key", () => {
    const legacy = j("sk-", "Xa7bQ2cR9dS4eT1fU8gV", "T3BlbkFJ", "Hh3iJ6kL0mN5oP2qR7sT");
    expect(kinds(`export GH=${GH_FINE} OPENAI=${legacy}`)).toEqual(["github-token", "openai-api-key"]);
  });
});

describe("redactText: several secrets on one line", () => {
  it("masks each at the right offsets", () => {
    const line = "a=1 password=hunter22 b=2 https://bob:s3cr3t-pw@db.example.org/app mail jane.doe@acme.io";
    const r = redactText(line);
    expect(r.text).toBe("a=1 password=[REDACTED:password] b=2 https://bob:[REDACTED:url-password]@db.example.org/app mail [REDACTED:email]");
    // "a=1 password=" 13 | "hunter22" 8 | " b=2 https://bob:" 17 | "s3cr3t-pw" 9 | "@db.example.org/app mail " 25 | 16
    expect(r.findings).toEqual([
      { kind: "password", start: 13, end: 21, preview: "…(8 chars)" },
      { kind: "url-password", start: 38, end: 47, preview: "…(9 chars)" },
      { kind: "email", start: 72, end: 88, preview: "j…@….io" },
    ]);
  });
});

describe("redactText: private keys", () => {
  it("a multi-line block through its END line, the prompt after it untouched", () => {
    const out = `$ cat ~/.ssh/id_rsa\n${RSA}\n$ echo done\ndone`;
    const r = redactText(out);
    expect(r.text).toBe("$ cat ~/.ssh/id_rsa\n[REDACTED:private-key]\n$ echo done\ndone");
    // "$ cat ~/.ssh/id_rsa\n" is 20 characters; the block 256.
    expect(r.findings).toEqual([{ kind: "private-key", start: 20, end: 276, preview: j("-----BEGIN ", "RSA PRIVATE KEY-----…") }]);
  });

  it("OpenSSH, PGP armor, two blocks in one output", () => {
    const ssh = pem("OPENSSH", ["b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW", "QyNTUxOQAAACDxM1m5yX1mR0i3J3k3X0c0s3g2m4VfJ0a3Qm3vX1d2sAAAAJgAAAAAAAAA"]);
    const pgp = [j("-----BEGIN PGP ", "PRIVATE KEY BLOCK-----"), "Version: GnuPG v2", "", "lQOYBF0YZ3IBCADJ3mXb9Kq0tQ1mFqv2l8x7eYk4Rz1oWp3sT6uV9wX0yZ2aB5cD", "=Ab3d", j("-----END PGP ", "PRIVATE KEY BLOCK-----")].join("\n");
    expect(redactText(`${ssh}\n---\n${pgp}\n`).text).toBe("[REDACTED:private-key]\n---\n[REDACTED:private-key]\n");
  });

  it("a block cut short (head -n 3) is masked through its base64 lines", () => {
    const head = [j("-----BEGIN ", "RSA PRIVATE KEY-----"), BODY[0], BODY[1]].join("\n");
    expect(redactText(`$ head -n 3 key.pem\n${head}\n$ ls\nkey.pem`).text).toBe("$ head -n 3 key.pem\n[REDACTED:private-key]\n$ ls\nkey.pem");
  });

  it("a JSON-escaped key in a service-account file, with the account's address", () => {
    const json = `{"type": "service_account", "private_key": "${pem("", BODY, "\\n")}\\n", "client_email": "svc@acme-prod.iam.gserviceaccount.com"}`;
    expect(redactText(json).text).toBe('{"type": "service_account", "private_key": "[REDACTED:private-key]", "client_email": "[REDACTED:email]"}');
  });

  it("public keys stay", () => {
    const pub = ["-----BEGIN PUBLIC KEY-----", BODY[0], "-----END PUBLIC KEY-----", "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl alice@laptop.local"].join("\n");
    expect(redactText(pub).findings).toEqual([]);
  });
});

describe("redactText: what must stay (training data)", () => {
  it.each([
    ["a git commit SHA", "commit 3f786850e387550fdab836ed7e6dc881de23001b\nMerge: 1a2b3c4 5d6e7f8"],
    ["UUIDs", "container 123e4567-e89b-12d3-a456-426614174000 started; request-id: 9b2c4d6e-8f0a-4b1c-9d2e-3f4a5b6c7d8e"],
    ["a sha256 digest", "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  ubuntu@sha256"],
    ["npm integrity hashes", '"integrity": "sha512-tuap9T7Q80CzoQ2dDFEJm8Cbh1bQ2F6oOsQ4NqbxYRXxA2O1nXlg+Hc5JQ7Wn1Y2v0ZC0G9zHf7o4Ff6dhXOYWSLdHLw=="'],
    ["an empty password", "password=\nDB_PASSWORD=\n"],
    ["placeholders", 'password=***\npassword=$PASSWORD\npassword=${DB_PASS}\npassword=<password>\ntoken: "{{ .Values.token }}"\napi_key="your-api-key-here"'],
    ["unset auth headers", 'curl -H "Authorization: Bearer $OPENAI_API_KEY" -H "Authorization: Bearer <token>"'],
    ["token counts and token types", 'max_tokens=100 "total_tokens": 57, "token_type": "Bearer", tokenizer=o200k tokens: 812'],
    ["code that names a secret", "password = user_password\ntoken = get_token()\nsecret = settings.SECRET_KEY\npassword: hashedPassword,\nconst password = process.env.SESSION_PASSWORD!"],
    ["sudoers NOPASSWD", "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart myapp"],
    ["SSH remotes and prompts", "git@github.com:acme/app.git\nscp build@ci.acme.io:/tmp/out.tgz .\nubuntu@ip-172-31-0-1.ec2.internal:~$ ls"],
    ["URL user without password, host:port", "ssh://git@github.com/acme/app.git http://localhost:8080 https://user@host.acme.io/x"],
    ["file names and example addresses", "icon@2x.png logo@3x.jpg user@example.com admin@corp.example test@app.test"],
    ["AWS's documentation example key", "AKIAIOSFODNN7EXAMPLE wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"],
    ["token-like words", "sk-learn-compat-layer xoxb-my-bot-token hf_requiredCharacteristicTypesForDisplayMetadata glpat-XXXXXXXXXXXXXXXXXXXX"],
    ["Rust paths", "let token = TypeToken::COLON;"],
  ])("%s", (_what, text) => {
    expect(redactText(text)).toEqual({ text, findings: [] });
  });

  it("base64 file content", () => {
    const bytes = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 37 + (i >> 3)) % 256));
    const b64 = (bytes.toString("base64") + "A".repeat(400)).replace(/.{76}/g, "$&\n");
    expect(redactText(`$ base64 blob.bin\n${b64}`).findings).toEqual([]);
  });
});

describe("redactText: idempotent and linear", () => {
  it("redacting redacted text finds nothing more", () => {
    const once = redactText(`GITHUB_TOKEN=${GH}\n${RSA}\nhttps://u:pw123456@h.acme.io jane@acme.io password: "x y z1"`).text;
    expect(redactText(once).findings).toEqual([]);
  });

  // Each unit repeated makes runs where a backtracking regexp would retry every start (seconds
  // per megabyte squared); the test's time limit is the assertion.
  const fill = (unit: string, size = 400_000) => unit.repeat(Math.ceil(size / unit.length));

  it("finishes on 5 MB of adversarial output (no catastrophic backtracking)", () => {
    const units = ["a", "eyJ-", "eyJa.", "a.a@a.a.", "x@", "://a:", "http://u:p@", "Authorization: ", "Bearer ", "sk-", "xoxb-", "-", "AKIA", "password", " "];
    const text = units.map((u) => fill(u)).join("\n");
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(redactText(text)).toEqual({ text, findings: [] });
  });

  it("finishes on 5 MB of half-secrets: assignments without end, keys without END", () => {
    const units = ['password="', "--password ", j("-----BEGIN ", "PRIVATE KEY-----"), j("-----BEGIN ", "PRIVATE KEY-----\n"), "token=a"];
    const text = units.map((u) => fill(u, 1_100_000)).join("\n");
    expect(text.length).toBeGreaterThan(5_000_000);
    expect(new Set(redactText(text).findings.map((f) => f.kind))).toEqual(new Set(["password", "private-key", "secret"]));
  });
});

describe("createRedactor", () => {
  it("counts findings per kind across an export, keys sorted", () => {
    const redactor = createRedactor();
    redactor.redact(`GITHUB_TOKEN=${GH}`);
    redactor.redact("nothing here");
    redactor.redact(`git push https://x:${GH}@github.com/acme/app.git # by jane@acme.io, DB_PASSWORD=hunter22`);
    expect(redactor.counts()).toEqual({ email: 1, "github-token": 2, password: 1 });
    expect(Object.keys(redactor.counts())).toEqual(["email", "github-token", "password"]);
  });

  it("previews never hold more than a token's prefix and last 4 characters", () => {
    const secrets = [GH, OPENAI, STRIPE, HF, NPM, SLACK_BOT, GLPAT, JWT];
    const { findings } = redactText(secrets.map((s, i) => `KEY_${i}_TOKEN=${s}`).join("\n"));
    expect(findings).toHaveLength(secrets.length);
    findings.forEach((f, i) => {
      const secret = secrets[i]!;
      expect(f.preview).toMatch(/^[a-z_-]{0,12}…[\w-]{4}$/i);
      expect(f.preview.endsWith(secret.slice(-4))).toBe(true);
      expect(f.preview).not.toContain(secret.slice(-12, -4));
    });
  });
});
