/*
 * Full-text search over commands and outputs, tokenized here rather than by PostgreSQL's text
 * parser, which reads terminal text badly: `/usr/bin/python3` is one "file" token there, so a
 * search for `python3` would miss it, and it leaves Chinese or Japanese text as one token per
 * sentence. Here a word is a run of letters, digits and underscores in any script; paths, flags,
 * versions and `KEY=value` split into their words; Chinese, Japanese and Korean runs become
 * overlapping character pairs, so any substring of two or more characters is found. The same
 * function reads documents and queries, so both sides always agree. PostgreSQL stores the words as
 * a `tsvector` under a GIN index and matches `tsquery`s against it.
 */

/** Longer words (hashes, base64) are cut to this length on both sides, so they still match. */
export const MAX_LEXEME_LENGTH = 48;
/** Distinct words kept per trajectory: a tsvector holds at most 1 MB, and past this it is noise. */
export const MAX_LEXEMES = 20_000;

const WORD = /[\p{L}\p{M}\p{N}_]+/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const CJK_RUNS = /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)|[^\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu;
/** ANSI escape sequences in recorded output: their parameters are not words (`31m`). */
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[@-Z\\-_])/g;
const NON_ASCII = /[^\x00-\x7f]/;

/** The words of `text`, added to `into` (at most MAX_LEXEMES). */
export function addLexemes(text: string, into: Set<string>): void {
  if (into.size >= MAX_LEXEMES) return;
  let normalized = text.includes("\x1b") ? text.replace(ANSI, " ") : text;
  // Full-width letters and compatibility forms read as their plain equivalents (ｐｉｐ = pip).
  if (NON_ASCII.test(normalized)) normalized = normalized.normalize("NFKC");
  for (const [found] of normalized.toLowerCase().matchAll(WORD)) {
    const word = NON_ASCII.test(found) ? withoutLatinAccents(found) : found;
    if (CJK_CHAR.test(word)) addMixedWord(word, into);
    else into.add(word.length > MAX_LEXEME_LENGTH ? word.slice(0, MAX_LEXEME_LENGTH) : word);
    if (into.size >= MAX_LEXEMES) return;
  }
}

/** `café` and `cafe` are one word; marks of other scripts (Devanagari vowels…) carry meaning and stay. */
function withoutLatinAccents(word: string): string {
  const folded = word.normalize("NFD").replace(LATIN_ACCENTS, "$1");
  return folded.normalize("NFC");
}
const LATIN_ACCENTS = /(\p{Script=Latin})\p{Mn}+/gu;

/** A word with Chinese, Japanese or Korean characters: those runs as character pairs, the rest as words. */
function addMixedWord(word: string, into: Set<string>): void {
  for (const [part, cjk] of word.matchAll(CJK_RUNS)) {
    if (!cjk) {
      into.add(part.slice(0, MAX_LEXEME_LENGTH));
      continue;
    }
    const chars = [...cjk];
    if (chars.length === 1) into.add(chars[0]!);
    for (let i = 0; i + 1 < chars.length; i++) into.add(chars[i]! + chars[i + 1]!);
  }
}

/** What full-text search reads of a trajectory — its commands and their outputs — as a PostgreSQL `tsvector` literal (no positions). */
export function stepsSearchVector(steps: Iterable<{ action?: string | null; observation?: string | null }>): string {
  const words = new Set<string>();
  for (const step of steps) {
    if (step.action) addLexemes(step.action, words);
    if (step.observation) addLexemes(step.observation, words);
  }
  return [...words].map(quoteLexeme).join(" ");
}

/** Lexemes hold only letters, digits, marks and underscores, but quote anyway: a literal is parsed. */
function quoteLexeme(word: string): string {
  return `'${word.replace(/['\\]/g, (c) => c + c)}'`;
}

/**
 * A search box's text as a `tsquery`: every word must occur (`pip install`), `-word` must not,
 * `word*` matches words starting with it, and `"quoted text"` is read as its words. Null when the
 * text has no word to search for.
 */
export function searchQuery(text: string): string | null {
  const parts: string[] = [];
  for (const [, quoted, bare] of text.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const term = quoted ?? bare ?? "";
    const negated = bare !== undefined && term.startsWith("-") && term.length > 1;
    const prefix = term.endsWith("*");
    const words = new Set<string>();
    addLexemes(term, words);
    if (words.size === 0) continue;
    // One Chinese/Japanese/Korean character is found as the start of the pairs documents hold.
    const lexemes = [...words].map((w) => (CJK_CHAR.test(w) && [...w].length === 1 ? `${quoteLexeme(w)}:*` : quoteLexeme(w)));
    if (prefix && !lexemes.at(-1)!.endsWith(":*")) lexemes[lexemes.length - 1] += ":*";
    // `-foo.bar` excludes what has both words, not what has either.
    parts.push(negated ? `!(${lexemes.join(" & ")})` : lexemes.join(" & "));
  }
  return parts.length ? parts.join(" & ") : null;
}

/**
 * A `tsquery` every trajectory with a command containing `fragment` (as a substring, any case)
 * satisfies, to narrow the substring scan to trajectories with the right words: words cut by the
 * fragment's ends can't be required whole, so the first is left out and the last matched as a
 * prefix unless the fragment ends there. Null when no word can be required.
 */
export function containsPrefilter(fragment: string): string | null {
  const words = [...fragment.matchAll(WORD)];
  if (words.length === 0) return null;
  const startsInWord = words[0]!.index === 0;
  const last = words.at(-1)!;
  const endsInWord = last.index + last[0].length === fragment.length;
  const kept = words.slice(startsInWord ? 1 : 0).map((m, i, all) => (endsInWord && i === all.length - 1 ? `${m[0]}*` : m[0]));
  return kept.length ? searchQuery(kept.join(" ")) : null;
}
