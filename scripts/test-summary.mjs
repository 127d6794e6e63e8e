// Prints the suite's closing line, "N passed, N failed[, N skipped]", from the JSON reports of
// vitest and Playwright, so one line tells what ran.
import fs from "node:fs";

const [vitestFile, playwrightFile] = process.argv.slice(2);
const vitest = JSON.parse(fs.readFileSync(vitestFile, "utf8"));
const playwright = JSON.parse(fs.readFileSync(playwrightFile, "utf8"));

const passed = vitest.numPassedTests + (playwright.stats.expected ?? 0) + (playwright.stats.flaky ?? 0);
const failed = vitest.numFailedTests + (playwright.stats.unexpected ?? 0);
const skipped = vitest.numPendingTests + vitest.numTodoTests + (playwright.stats.skipped ?? 0);

console.log(`\nvitest: ${vitest.numPassedTests} passed; playwright: ${playwright.stats.expected} passed`);
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exitCode = failed > 0 ? 1 : 0;
