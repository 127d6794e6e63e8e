/**
 * Masks secrets and e-mail addresses in commands and outputs before they go into a training set,
 * and lists what it masked. A mask names the kind (`[REDACTED:github-token]`) and is the same for
 * every secret of that kind, so exports stay deterministic and the model learns the shape of the
 * context, never the value. Where only part of a match is secret (a URL's password, a header's
 * token, the value of `DB_PASSWORD=`), only that part is masked.
 *
 * Rules follow gitleaks' rule set (cmd/generate/config/rules/*.go: github, gitlab, slack, aws,
 * gcp, stripe, huggingface, npm, jwt, openai, anthropic, privatekey, curl, generic) and
 * detect-secrets' plugins (basic_auth, keyword, and its heuristic filters for templated and
 * indirect values), cited per rule. Deliberately left out: entropy-only detection (detect-secrets'
 * Base64/HexHighEntropyString), which would mask commit SHAs, digests and base64 file content,
 * the bulk of what terminals print.
 *
 * Linear time: V8's regexps backtrack, so every rule starts at a literal or with a lookbehind that
 * lets a match begin only at the start of a run of its characters, and every repetition is
 * bounded. A 5 MB adversarial output is part of the tests.
 */

export type Finding = {
  kind: string;
  /** UTF-16 offsets into the text given to redactText, end exclusive. */
  start: number;
  end: number;
  /**
   * A hint that can be shown and stored: a token's public prefix and its last 4 characters
   * ("ghp_…f3a9"), only for values of 20+ characters (at most ~24 of 100+ bits); shorter values
   * (passwords) show only their length; an e-mail its first letter and top-level domain; a
   * private key its header line.
   */
  preview: string;
};

export type Redaction = { text: string; findings: Finding[] };

type Rule = {
  kind: string | ((m: RegExpExecArray) => string);
  /** Global, with the `d` flag when `group` is set. */
  pattern: RegExp;
  /**
   * The capture group holding the secret (the rest of the match stays readable), or alternative
   * groups of which the first that took part holds it; the whole match by default.
   */
  group?: number | readonly number[];
  /** Skips the rule when the (lower-cased) text has none of these. */
  keywords: string[];
  /** Characters of the value that are public (a token's type prefix), shown in the preview. */
  prefix?: (value: string) => number;
  /** A false-positive guard: false leaves the match alone. */
  accept?: (value: string, m: RegExpExecArray, text: string) => boolean;
};

type Span = { start: number; end: number; kind: string; rank: number; prefix: number; preview?: string };

/** Characters of a base64url / token run: a match may start only where such a run starts. */
const T = "A-Za-z0-9_-";

const prefixUpTo = (re: RegExp) => (value: string) => re.exec(value)?.[0].length ?? 0;

/*
 * Values that stand for a secret without being one (detect-secrets' is_templated_secret,
 * is_indirect_reference and is_prefixed_with_dollar_sign filters; gitleaks curl allowlist):
 * masks, `$VAR`, `${VAR}`, `$(cmd)`, `<password>`, `{{ .Values.x }}`, `%VAR%`, npm's "(protected)",
 * "changeme", "xxx"…
 */
const PLACEHOLDER =
  /^(?:[*x.#•…-]+|<[^>]*>|\[[^\]]*\]|\{\{.*\}\}|\{[^}]*\}|\([^)]*\)|\$\{[^}]*\}|\$\([^)]*\)|\$[A-Za-z_]\w*|%[A-Za-z_]\w*%|%\(\w+\)s|your[\w-]*|(?:change|replace)[_-]?me|changeit|password|passwd|pass|secret|token|api[_-]?key|redacted|example|dummy|placeholder|sample|none|null|nil|undefined|true|false|yes|no|on|off|error|warn|auto|default|required|optional|string|test|value|\*\*\*.*)$/i;

/** …and vendors' documentation examples (AKIAIOSFODNN7EXAMPLE, wJalrXUtnFEMI/…/bPxRfiCYEXAMPLEKEY). */
const isPlaceholder = (v: string) => PLACEHOLDER.test(v) || /^(.)\1*$/.test(v) || v.includes("EXAMPLE");

/** A random token has upper case, lower case and digits; names and placeholders seldom do. */
const looksRandom = (v: string) => /[a-z]/.test(v) && /[A-Z]/.test(v) && /\d/.test(v);

/** Private keys come from findPrivateKeys, ranked before every rule. */
const PRIVATE_KEY_RANK = -1;

const RULES: Rule[] = [
  {
    // gitleaks jwt: header and payload both base64url JSON ("ey…"), then a signature.
    kind: "jwt",
    pattern: new RegExp(`(?<![${T}])eyJ[${T}]{8,4096}\\.ey[${T}]{8,16384}\\.[${T}]{8,4096}={0,2}`, "g"),
    keywords: ["eyj"],
    prefix: () => 3,
  },
  {
    // gitleaks aws-access-token; AWS's documented example key (…EXAMPLE) is allowlisted there too.
    kind: "aws-access-key-id",
    pattern: /(?<![A-Za-z0-9])(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}(?![A-Za-z0-9])/g,
    keywords: ["a3t", "akia", "asia", "abia", "acca"],
    prefix: () => 4,
    accept: (v) => !isPlaceholder(v),
  },
  {
    // gitleaks aws-secret-access-key is a sub-rule (40 base64 chars) of a labelled assignment;
    // the labels are those of ~/.aws/credentials, the env and `aws iam create-access-key` JSON.
    kind: "aws-secret-access-key",
    pattern: new RegExp(`(?<![A-Za-z0-9_])(?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?[ \\t]{0,5}[:=][ \\t]{0,5}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`, "gid"),
    group: 1,
    keywords: ["secret"],
    accept: (v) => !isPlaceholder(v),
  },
  {
    // The same labels' session token (STS credentials: `aws sts assume-role`, the env).
    kind: "aws-session-token",
    pattern: /(?<![A-Za-z0-9_])(?:aws_?session_?token|session_?token)["']?[ \t]{0,5}[:=][ \t]{0,5}["']?([A-Za-z0-9/+=]{100,4096})/gid,
    group: 1,
    keywords: ["session"],
  },
  {
    // gitleaks github-pat / github-oauth / github-app-token / github-refresh-token (36 chars;
    // GitHub allows longer) and github-fine-grained-pat (82 chars).
    kind: "github-token",
    pattern: /(?<![A-Za-z0-9_])(?:gh[pousr]_[A-Za-z0-9]{36,251}|github_pat_[A-Za-z0-9_]{70,244})(?![A-Za-z0-9_])/g,
    keywords: ["ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"],
    prefix: prefixUpTo(/^(?:gh[pousr]_|github_pat_)/),
    accept: (v) => !isPlaceholder(v.slice(4)) && !/x{8}/i.test(v),
  },
  {
    // gitleaks gitlab-pat (+ routable), gitlab-deploy-token, -runner-authentication-token, -ptt,
    // -cicd-job-token, -feed-token, -scim-token, -oauth-app-secret, -kubernetes-agent-token.
    kind: "gitlab-token",
    pattern: new RegExp(`(?<![${T}])(?:glpat|gldt|glrt|glptt|glcbt|glft|glsoat|gloas|glagent)-[${T}]{20,300}(?:\\.[0-9a-z]{9})?(?![${T}])`, "g"),
    keywords: ["glpat-", "gldt-", "glrt-", "glptt-", "glcbt-", "glft-", "glsoat-", "gloas-", "glagent-"],
    prefix: prefixUpTo(/^gl[a-z]+-/),
    accept: (v) => !/x{8}/i.test(v),
  },
  {
    // gitleaks slack-webhook-url: the path is the secret; the host stays readable.
    kind: "slack-webhook",
    pattern: /hooks\.slack\.com\/(?:services|workflows|triggers)\/([A-Za-z0-9+/]{40,120})/gd,
    group: 1,
    keywords: ["hooks.slack.com"],
  },
  {
    // gitleaks slack-bot/user/app/config/legacy tokens: xoxb-, xoxp-, xoxe-, xoxa-, xoxr-, xoxo-,
    // xoxs-, xoxe.xoxp-, xapp-; a real one has digits (their false positives are "xoxb-my-token").
    kind: "slack-token",
    pattern: new RegExp(`(?<![${T}])(?:xox[abposre]|xoxe\\.xox[bp]|xapp)-[${T}]{10,300}`, "g"),
    keywords: ["xox", "xapp-"],
    prefix: prefixUpTo(/^(?:xoxe\.)?x[a-z]{3}-/),
    accept: (v) => (v.match(/\d/g)?.length ?? 0) >= 4 && !/x{6}/i.test(v.slice(5)),
  },
  {
    // gitleaks anthropic-api-key / -admin-api-key / -oauth-token (sk-ant-api03-…, admin01, oat01).
    kind: "anthropic-api-key",
    pattern: new RegExp(`(?<![${T}])sk-ant-[a-z]{2,8}\\d{2}-[${T}]{32,300}(?![${T}])`, "g"),
    keywords: ["sk-ant-"],
    prefix: prefixUpTo(/^sk-ant-[a-z]+\d+-/),
  },
  {
    // gitleaks openai-api-key keys on the "T3BlbkFJ" marker; keys without it exist (newer project
    // and service-account keys), so any sk-… of 20+ characters that looks random.
    kind: "openai-api-key",
    pattern: new RegExp(`(?<![${T}])sk-(?:(?:proj|svcacct|admin|None)-)?[${T}]{20,300}(?![${T}])`, "g"),
    keywords: ["sk-"],
    prefix: prefixUpTo(/^sk-(?:(?:proj|svcacct|admin|None)-)?/),
    accept: (v) => !v.startsWith("sk-ant-") && (v.includes("T3BlbkFJ") || looksRandom(v)),
  },
  {
    // gitleaks gcp-api-key.
    kind: "google-api-key",
    pattern: new RegExp(`(?<![${T}])AIza[${T}]{35}(?![${T}])`, "g"),
    keywords: ["aiza"],
    prefix: () => 4,
    accept: (v) => !/(.)\1{7}/.test(v),
  },
  {
    // gitleaks stripe-access-token, secret and restricted keys only: pk_ keys are public.
    kind: "stripe-key",
    pattern: /(?<![A-Za-z0-9_])(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9_])/g,
    keywords: ["sk_live_", "rk_live_", "sk_test_", "rk_test_"],
    prefix: prefixUpTo(/^[a-z]{2}_[a-z]{4}_/),
    accept: (v) => !/x{6}/i.test(v),
  },
  {
    // gitleaks huggingface-access-token (hf_ + 34 letters) and -organization-api-token; random
    // case tells a token from an identifier such as hf_requiredCharacteristicTypesFor….
    kind: "huggingface-token",
    pattern: /(?<![A-Za-z0-9_])(?:hf_|api_org_)[A-Za-z]{34}(?![A-Za-z0-9_])/g,
    keywords: ["hf_", "api_org_"],
    prefix: prefixUpTo(/^(?:hf_|api_org_)/),
    accept: (v) => (v.match(/[A-Z]/g)?.length ?? 0) >= 5 && (v.match(/[a-z]/g)?.length ?? 0) >= 5,
  },
  {
    // gitleaks npm-access-token.
    kind: "npm-token",
    pattern: /(?<![A-Za-z0-9_])npm_[A-Za-z0-9]{36}(?![A-Za-z0-9_])/g,
    keywords: ["npm_"],
    prefix: () => 4,
    accept: (v) => looksRandom(v.slice(4)),
  },
  {
    // .npmrc `//registry…/:_authToken=…`: legacy npm tokens are UUIDs, which no shape rule takes.
    kind: "npm-token",
    pattern: /:_auth(?:Token)?[ \t]{0,5}=[ \t]{0,5}["']?([^\s"'`]{8,512})/gd,
    group: 1,
    keywords: [":_auth"],
    accept: (v) => !isPlaceholder(v),
  },
  {
    // gitleaks curl-auth-header (Authorization: Basic|Bearer|Token …), for any client, not only
    // curl. With a scheme any value counts; without one it must look random.
    kind: (m) => (/^basic$/i.test(m[1] ?? "") ? "basic-auth" : "auth-header"),
    pattern: /(?<![A-Za-z0-9_-])(?:proxy-)?authorization["']?[ \t]{0,5}[:=][ \t]{0,5}["']?(?:(bearer|basic|token|negotiate|api-token)[ \t]{1,5})?([A-Za-z0-9._~+/=-]{8,4096})/gid,
    group: 2,
    keywords: ["authorization"],
    accept: (v, m) => !isPlaceholder(v) && (m[1] !== undefined || looksRandom(v)),
  },
  {
    // A bare "Bearer <token>" (log lines, other headers); gitleaks curl-auth-header's Bearer part.
    kind: "auth-header",
    pattern: /(?<![A-Za-z0-9_-])Bearer[ \t]{1,5}([A-Za-z0-9._~+/-]{16,4096}=*)/gd,
    group: 1,
    keywords: ["bearer"],
    accept: (v) => !isPlaceholder(v) && looksRandom(v),
  },
  {
    // detect-secrets basic_auth: scheme://user:password@host. Unlike it, the password may hold
    // "@" (the last one ends it) and sub-delimiters such as "!" and "$", as real ones do.
    kind: "url-password",
    pattern: /(?<![A-Za-z0-9+.-])[A-Za-z][A-Za-z0-9+.-]{0,30}:\/\/[^\s:/?#@"'<>]{0,128}:([^\s/?#"'<>]{1,256})@(?=[A-Za-z0-9[])/gd,
    group: 1,
    keywords: ["://"],
    accept: (v) => !isPlaceholder(v) && !v.endsWith("@") && !/^\d+$/.test(v),
  },
  {
    // gitleaks curl-auth-user, for `--user name:password` only: `-u` is ambiguous (and uid:gid).
    kind: "basic-auth",
    pattern: /(?<![A-Za-z0-9_-])--user(?:=|[ \t]{1,5})["']?[^\s:"']{1,128}:([^\s"']{3,256})/gd,
    group: 1,
    keywords: ["--user"],
    accept: (v) => !isPlaceholder(v) && !/^\d+$/.test(v),
  },
  ...assignmentRules(),
  {
    // E-mail addresses (RFC 5321 length limits). Guards in emailAccept.
    kind: "email",
    pattern: /(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@(?:[A-Za-z0-9-]{1,63}\.){1,8}[A-Za-z]{2,24}(?![A-Za-z0-9-])/g,
    keywords: ["@"],
    accept: (v, m, text) => emailAccept(v, m.index, text),
  },
];

/*
 * `KEY=value`, `KEY: value`, `"key": "value"` and `--key value` where KEY ends in a secret word
 * (gitleaks generic-api-key and detect-secrets KeywordDetector). The key must *end* in the word,
 * so max_tokens, token_type, tokenizer and password_hash are not keys of secrets. Kinds:
 * "password" (password, passwd, passphrase) and "secret" (secret, token, api key, access key…).
 */
function assignmentRules(): Rule[] {
  const words = {
    password: "(?<!no)pass(?:word|wd|phrase)", // not sudoers' NOPASSWD:
    secret: "secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|private[_-]?key|client[_-]?secret|auth[_-]?token",
  };
  const value = `(?:"([^"\\n]{1,512})"|'([^'\\n]{1,512})'|([^\\s"'\`,;&|<>(){}\\[\\]]{1,512}))`;
  const rules: Rule[] = [];
  for (const [kind, word] of Object.entries(words)) {
    // Each a necessary condition of its word (lower-cased): "pass" or "key" alone would send every
    // "tests pass" and {"keystrokes": …} through every rule.
    const keywords =
      kind === "password"
        ? ["password", "passwd", "passphrase"]
        : ["secret", "token", "apikey", "api_key", "api-key", "access_key", "access-key", "accesskey", "private_key", "private-key", "privatekey"];
    rules.push(
      {
        kind,
        pattern: new RegExp(
          `(?:${word})(?![A-Za-z0-9_.-])["']?([ \\t]{0,3}(?::=|=>|=|:(?!:))[ \\t]{0,3})${value}`,
          "gid",
        ),
        keywords,
        group: [2, 3, 4],
        accept: acceptAssigned,
      },
      {
        kind,
        pattern: new RegExp(`(?<![A-Za-z0-9_-])--(?:[A-Za-z0-9]+-){0,4}(?:${word})(=|[ \\t]{1,3})${value}`, "gid"),
        keywords,
        group: [2, 3, 4],
        accept: acceptAssigned,
      },
    );
  }
  return rules;
}

/** Group 1: the separator; 2, 3, 4: the value in double quotes, in single quotes, bare. */
function acceptAssigned(v: string, m: RegExpExecArray, text: string): boolean {
  if (isPlaceholder(v) || v.length < 4 || /^\d+$/.test(v)) return false;
  if (m[4] === undefined) return true; // quoted: a string literal, taken as is
  const end = m.index + m[0].length;
  return !looksLikeCode(v, m[1] ?? "", text.slice(end, end + 2));
}

const CODE_WORDS = new Set(["async", "await", "new", "function", "lambda", "this", "self", "void", "typeof"]);

/*
 * An unquoted value that is code, not a literal (terminal output is full of `cat app.py`): a call,
 * an index or a member chain (`config.secret`, `process.env.X!`, `Token::Colon`), or a bare name without digits
 * after a spaced "=" (`password = user_password`), before a "," (`password=password_input,`), in
 * lowerCamelCase (`password: hashedPassword`) or a keyword. A digitless word in INI's
 * `password = hunter` is missed that way, a trade for code's sake; YAML's `password: hunter` and
 * `--password hunter` are taken.
 */
function looksLikeCode(v: string, separator: string, after: string): boolean {
  if (/^\s*[(.[]/.test(after.charAt(0)) || /^[A-Za-z_$][\w$]*(?:(?:\.|::)[A-Za-z_$][\w$]*)+[!?]?$/.test(v)) return true;
  if (!/^[A-Za-z_$][\w$]*$/.test(v) || /\d/.test(v)) return false;
  const sep = separator.trim();
  const spacedAssign = /\s/.test(separator) && (sep === "=" || sep === ":=");
  return spacedAssign || /^\s*,/.test(after) || /^[a-z]+[A-Z]/.test(v) || CODE_WORDS.has(v);
}

/** File names that look like addresses (icon@2x.png) and ssh/scp addresses are not e-mail. */
const FILE_EXTENSIONS = new Set(
  "png jpg jpeg gif svg webp ico bmp css scss js mjs cjs ts tsx jsx json lock txt log md yml yaml toml ini cfg conf py rb go rs java kt cc cpp hpp so dll exe zip gz tgz tar bz2 xz whl jar pdf html htm xml csv sh".split(" "),
);

function emailAccept(address: string, start: number, text: string): boolean {
  const domain = address.slice(address.indexOf("@") + 1).toLowerCase();
  const labels = domain.split(".");
  const tld = address.slice(address.lastIndexOf(".") + 1);
  if (tld !== tld.toLowerCase() && tld !== tld.toUpperCase()) return false; // packed data: x@Ab.Cd
  if (labels.length === 2 && FILE_EXTENSIONS.has(labels[1]!)) return false;
  // RFC 2606 / 6761 names reserved for examples and tests are no one's mailbox (user@example.com
  // in a test the agent writes stays, so the training data keeps its meaning).
  if (/(?:^|\.)example\.(?:com|net|org)$|\.(?:example|test|invalid|localhost|local)$/.test(domain)) return false;
  // `git@github.com:org/repo.git`, `scp a@host.example.com:/tmp`, a prompt `me@box.lan:~$`: an
  // SSH destination (user@host:path), not a mailbox. The login name stays, a decision on purpose.
  const after = text.charAt(start + address.length);
  if (after === ":" && /[^\s]/.test(text.charAt(start + address.length + 1))) return false;
  // Inside a URL's authority (`https://user@host`, or a password the url-password rule masks).
  const from = Math.max(0, start - 256);
  const before = text.slice(from, start);
  const token = before.slice(Math.max(before.lastIndexOf(" "), before.lastIndexOf("\n"), before.lastIndexOf("\t")) + 1);
  const scheme = token.lastIndexOf("://");
  return scheme < 0 || /[/?#]/.test(token.slice(scheme + 3));
}

/*
 * gitleaks private-key: `-----BEGIN … PRIVATE KEY-----` through the matching END line (RSA, EC,
 * DSA, OPENSSH, ENCRYPTED, PGP … KEY BLOCK), newlines real or JSON-escaped ("\n" in a GCP
 * service-account file). A block cut short (`head id_rsa`) is masked through its base64 lines.
 * END markers are collected once, so many headers without an END stay linear.
 */
const KEY_BEGIN = /-----BEGIN[ A-Z0-9_-]{0,60}PRIVATE KEY(?: BLOCK)?-----/g;
const KEY_END = /-----END[ A-Z0-9_-]{0,60}PRIVATE KEY(?: BLOCK)?-----/g;
const BASE64_LINE = /^[A-Za-z0-9+/=]+$/;
const ARMOR_HEADER = /^(?:Proc-Type|DEK-Info|Comment|Version|Hash|Charset):/;
const MAX_KEY_LINE = 200;

function findPrivateKeys(text: string): Span[] {
  if (!text.includes("PRIVATE KEY")) return [];
  const ends = [...text.matchAll(KEY_END)];
  const begins = [...text.matchAll(KEY_BEGIN)];
  const keys: Span[] = [];
  let e = 0;
  for (let i = 0; i < begins.length; i++) {
    const b = begins[i]!;
    if (keys.length && b.index < keys[keys.length - 1]!.end) continue;
    const bodyStart = b.index + b[0].length;
    while (e < ends.length && ends[e]!.index < bodyStart) e++;
    const end = e < ends.length && ends[e]!.index < (begins[i + 1]?.index ?? Infinity) ? ends[e]!.index + ends[e]![0].length : truncatedKeyEnd(text, bodyStart);
    keys.push({ start: b.index, end, kind: "private-key", rank: PRIVATE_KEY_RANK, prefix: 0, preview: `${b[0]}…` });
  }
  return keys;
}

/** Where a block without its END line stops: after the last base64 (or armor header) line. */
function truncatedKeyEnd(text: string, from: number): number {
  if (text.startsWith("\\n", from)) {
    // JSON-escaped: base64 and "\n" up to the closing quote.
    let i = from;
    let end = from;
    while (i < text.length) {
      if (text.charAt(i) === "\\" && "nr".includes(text.charAt(i + 1))) i += 2;
      else if (/[A-Za-z0-9+/=]/.test(text.charAt(i))) end = ++i;
      else break;
    }
    return end;
  }
  let end = from;
  let at = from;
  let header = false;
  while (at < text.length) {
    // PEM lines are 64–76 characters: a longer line ends the block (and the search stays bounded).
    const window = text.slice(at, at + MAX_KEY_LINE);
    const nl = window.indexOf("\n", 1);
    if (nl < 0 && at + MAX_KEY_LINE < text.length) break;
    const lineEnd = nl < 0 ? text.length : at + nl;
    const line = window.slice(0, lineEnd - at).trim();
    // A short word after a cut-off block ("ok") is not base64 of the key.
    if ((BASE64_LINE.test(line) && line.length >= 16) || ARMOR_HEADER.test(line)) {
      header = ARMOR_HEADER.test(line);
      end = lineEnd;
    } else if (!(line === "" && (header || at === from))) {
      break;
    }
    at = lineEnd;
  }
  while (end > from && /\s/.test(text.charAt(end - 1))) end--;
  return end;
}

function preview(kind: string, value: string, prefix: number): string {
  if (kind === "email") return `${value.charAt(0)}…@….${value.slice(value.lastIndexOf(".") + 1)}`;
  if (value.length < 20) return `…(${value.length} chars)`;
  return `${value.slice(0, prefix)}…${value.slice(-4)}`;
}

function collect(text: string): Span[] {
  const spans = findPrivateKeys(text);
  let lower: string | undefined;
  RULES.forEach((rule, rank) => {
    if (rule.keywords.length) {
      lower ??= text.toLowerCase();
      if (!rule.keywords.some((k) => lower!.includes(k))) return;
    }
    for (const m of text.matchAll(rule.pattern)) {
      const groups = rule.group ?? 0;
      const group = typeof groups === "number" ? groups : (groups.find((g) => m[g] !== undefined) ?? 0);
      const value = m[group];
      if (value === undefined || (rule.accept && !rule.accept(value, m, text))) continue;
      const start = group === 0 ? m.index : m.indices![group]![0];
      const kind = typeof rule.kind === "function" ? rule.kind(m) : rule.kind;
      spans.push({ start, end: start + value.length, kind, rank, prefix: rule.prefix?.(value) ?? 0 });
    }
  });
  return spans;
}

/*
 * Overlaps become one finding: spans sorted by start (longer first) are merged into their union,
 * which takes the kind of the most specific rule among them (the earliest in RULES): a JWT in a
 * Bearer header or a GitHub token in `GITHUB_TOKEN=` is one jwt / github-token finding.
 */
function merge(spans: Span[]): Span[] {
  spans.sort((a, b) => a.start - b.start || b.end - a.end || a.rank - b.rank);
  const out: Span[] = [];
  for (const s of spans) {
    const last = out[out.length - 1];
    if (last && s.start < last.end) {
      if (s.end > last.end) last.end = s.end;
      if (s.rank < last.rank) Object.assign(last, { kind: s.kind, rank: s.rank, prefix: s.prefix, preview: s.preview });
    } else {
      out.push({ ...s });
    }
  }
  return out;
}

/**
 * One case-insensitive pass that finds any rule's keyword (or a private key's marker): most
 * terminal text has none, and then no rule can match — the same decision collect() makes rule by
 * rule, taken once per text. Null when some rule has no keywords (it must always run).
 */
const ANY_TRIGGER = RULES.every((r) => r.keywords.length > 0)
  ? new RegExp([...new Set(["private key", ...RULES.flatMap((r) => r.keywords)])].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "i")
  : null;

export function redactText(text: string): Redaction {
  if (ANY_TRIGGER && !ANY_TRIGGER.test(text)) return { text, findings: [] };
  const spans = merge(collect(text));
  let out = "";
  let at = 0;
  const findings: Finding[] = [];
  for (const s of spans) {
    out += `${text.slice(at, s.start)}[REDACTED:${s.kind}]`;
    at = s.end;
    findings.push({ kind: s.kind, start: s.start, end: s.end, preview: s.preview ?? preview(s.kind, text.slice(s.start, s.end), s.prefix) });
  }
  return { text: spans.length ? out + text.slice(at) : text, findings };
}

/** Redacts many texts (one export) and counts findings per kind for the export's manifest. */
export function createRedactor() {
  const counts = new Map<string, number>();
  return {
    redact(text: string): Redaction {
      const result = redactText(text);
      for (const f of result.findings) counts.set(f.kind, (counts.get(f.kind) ?? 0) + 1);
      return result;
    },
    /** `{ kind → count }`, keys sorted so the manifest is byte-stable. */
    counts(): Record<string, number> {
      return Object.fromEntries([...counts].sort(([a], [b]) => (a < b ? -1 : 1)));
    },
  };
}
