import { describe, expect, it } from "vitest";
import { listViewQuery, parseListView } from "./list-params";

describe("the trajectory list view in the URL", () => {
  it("reads sort, direction, filters and ranges", () => {
    const view = parseListView(new URLSearchParams("sort=egs&dir=asc&agent=a&agent=b/c&outcome=failed&task=%20config%20&egs=0.5-1&steps=-40&tor=0.2-"));
    expect(view).toEqual({
      sort: "egs",
      dir: "asc",
      filter: { agents: ["a", "b/c"], outcome: "failed", task: "config", egs: { min: 0.5, max: 1 }, steps: { max: 40 }, tor: { min: 0.2 } },
    });
  });

  it("reads the search, the command condition and the loop condition", () => {
    const view = parseListView(new URLSearchParams("q=%20permission%20denied%20&cmd=pip+install+&loop=open"));
    // The search is trimmed; a command fragment keeps its spaces (" pip install " means whole words).
    expect(view.filter).toEqual({ text: "permission denied", command: "pip install ", loop: "open" });
    expect(listViewQuery(view)).toBe("?q=permission+denied&cmd=pip+install+&loop=open");
    expect(parseListView(new URLSearchParams("q=%20&cmd=%20&loop=maybe")).filter).toEqual({});
  });

  it("ignores what it does not understand instead of failing", () => {
    expect(parseListView(new URLSearchParams("sort=bogus&dir=up&outcome=maybe&egs=high&var=-"))).toEqual({ sort: "created", dir: "desc", filter: {} });
    // …and says what it ignored when asked (a dataset's filter is refused with these).
    const problems: string[] = [];
    parseListView(new URLSearchParams("sort=bogus&outcom=failed&egs=high&loop=open"), problems);
    expect(problems).toEqual(["sort=bogus (sort by created, egs, tor, var, steps, reward)", "egs=high (a range like 0.5-1, 0.5- or -40)", expect.stringMatching(/^"outcom" \(fields: sort, dir, agent/)]);
  });

  it("writes a view back to the same query, defaults left out", () => {
    const query = "?sort=tor&agent=x&outcome=resolved&egs=0.5-";
    expect(listViewQuery(parseListView(new URLSearchParams(query.slice(1))))).toBe(query);
    expect(listViewQuery(parseListView(new URLSearchParams("")))).toBe("");
  });
});
