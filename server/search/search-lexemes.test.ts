import { describe, expect, it } from "vitest";
import { MAX_LEXEMES, MAX_LEXEME_LENGTH, addLexemes, containsPrefilter, searchQuery, stepsSearchVector } from "./search-lexemes";

const words = (text: string) => {
  const set = new Set<string>();
  addLexemes(text, set);
  return [...set];
};

describe("search words", () => {
  it("splits paths, flags, versions and assignments into their words", () => {
    expect(words("/usr/bin/python3 --version && pip install numpy==1.26 PATH=/opt/bin")).toEqual([
      "usr", "bin", "python3", "version", "pip", "install", "numpy", "1", "26", "path", "opt",
    ]);
  });

  it("reads letters of any script, folds Latin accents and full-width forms, keeps other marks", () => {
    expect(words("Ошибка: файл не найден")).toEqual(["ошибка", "файл", "не", "найден"]);
    expect(words("Café NAÏVE ｐｉｐ")).toEqual(["cafe", "naive", "pip"]);
    // The Devanagari vowel sign is part of the word, not an accent.
    expect(words("फ़ाइल")).toEqual(["फ़ाइल".normalize("NFKC")]);
  });

  it("turns Chinese, Japanese and Korean runs into overlapping character pairs", () => {
    expect(words("日本語のテキスト")).toEqual(["日本", "本語", "語の", "のテ", "テキ", "キス", "スト"]);
    expect(words("错误x")).toEqual(["错误", "x"]);
    expect(words("字")).toEqual(["字"]);
  });

  it("skips the parameters of terminal escape sequences", () => {
    expect(words("\x1b[1;31mERROR\x1b[0m \x1b]0;title\x07done")).toEqual(["error", "done"]);
  });

  it("cuts long words and stops at the per-trajectory cap", () => {
    expect(words("a".repeat(100))).toEqual(["a".repeat(MAX_LEXEME_LENGTH)]);
    const many = Array.from({ length: MAX_LEXEMES + 10 }, (_, i) => `w${i}`).join(" ");
    expect(words(many)).toHaveLength(MAX_LEXEMES);
  });

  it("writes a tsvector literal of distinct words", () => {
    expect(stepsSearchVector([{ action: "cat a.txt", observation: null }, { action: "cat b.txt", observation: "b" }])).toBe("'cat' 'a' 'txt' 'b'");
  });
});

describe("search queries", () => {
  it("requires every word, excludes -words, and matches word* as a prefix", () => {
    expect(searchQuery("pip install")).toBe("'pip' & 'install'");
    expect(searchQuery("pytest -numpy.testing")).toBe("'pytest' & !('numpy' & 'testing')");
    expect(searchQuery("conf* Ошибка")).toBe("'conf':* & 'ошибка'");
    expect(searchQuery('"permission denied" -')).toBe("'permission' & 'denied'");
  });

  it("reads a query with the document's rules (pairs, single characters as prefixes)", () => {
    expect(searchQuery("テキスト")).toBe("'テキ' & 'キス' & 'スト'");
    expect(searchQuery("語")).toBe("'語':*");
    expect(searchQuery("-- !!")).toBeNull();
  });

  it("narrows a substring search to the words the fragment contains whole", () => {
    // "pip" may end a longer word ("xpip install") and "install" may go on ("installed").
    expect(containsPrefilter("pip install")).toBe("'install':*");
    expect(containsPrefilter(" pip install ")).toBe("'pip' & 'install'");
    expect(containsPrefilter("rm -rf /")).toBe("'rf'");
    expect(containsPrefilter("ls")).toBeNull();
  });
});
