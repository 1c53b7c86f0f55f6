#!/usr/bin/env node
// `npm test`: the unit and integration tests (Vitest), then the end-to-end tests (Playwright in
// Debian's Chromium) when Chromium is installed. Ends with one line "N passed, N failed" over
// both suites, for CI; exits non-zero when a suite fails. TEST_DATABASE_URL passes through.
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const reports = path.join(root, ".tmp", "test-reports");
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

function run(bin, args, env = {}) {
  return new Promise((resolve) => {
    const child = spawn(path.join(root, "node_modules", ".bin", bin), args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, ...env },
    });
    child.on("error", (error) => {
      console.error(`${bin} could not start: ${error.message}`);
      resolve(1);
    });
    child.on("close", (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

/** A suite that failed without a report of failed tests (it could not start) counts as one failure. */
function tally(exitCode, passed, failed) {
  return { ok: exitCode === 0, passed, failed: exitCode !== 0 && failed === 0 ? 1 : failed };
}

async function vitest() {
  const report = path.join(reports, "vitest.json");
  rmSync(report, { force: true });
  const code = await run("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`]);
  const json = readJson(report);
  return tally(code, json?.numPassedTests ?? 0, json?.numFailedTests ?? 0);
}

async function playwright() {
  const report = path.join(reports, "playwright.json");
  rmSync(report, { force: true });
  const reporter = process.env.CI ? "line" : "list";
  const code = await run("playwright", ["test", `--reporter=${reporter},json`], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: report,
  });
  const stats = readJson(report)?.stats;
  return tally(code, (stats?.expected ?? 0) + (stats?.flaky ?? 0), stats?.unexpected ?? 0);
}

mkdirSync(reports, { recursive: true });
const results = [await vitest()];
if (existsSync(chromium)) {
  results.push(await playwright());
} else {
  console.log(
    `Chromium not found at ${chromium}: end-to-end tests skipped (install Debian's chromium or set CHROMIUM_PATH)`,
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(results.every((r) => r.ok) ? 0 : 1);
