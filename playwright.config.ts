import { defineConfig } from "@playwright/test";
import { CHROMIUM_ARGS, CHROMIUM_PATH, E2E_BASE_URL, E2E_DATA_DIR, E2E_PORT } from "./tests/e2e/support/environment.js";

/**
 * End-to-end tests in Debian's Chromium against the real server (`src/server.ts`) on a fresh
 * embedded database with the demo data. Every spec runs twice: with JavaScript on at desktop
 * width, and with JavaScript off at 360 px, the width of a cheap phone. Every page a test
 * visits is checked with axe and for horizontal overflow (tests/e2e/fixtures.ts).
 */
export default defineConfig({
  testDir: "tests/e2e",
  testMatch: "**/*.spec.ts",
  outputDir: ".tmp/e2e-results",
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // The machine has 2 cores, shared by the browser, the server and the runner.
  workers: Number(process.env.E2E_WORKERS ?? 2),
  reporter: process.env.CI ? [["line"]] : [["list"]],
  use: {
    baseURL: E2E_BASE_URL,
    // A Belgian French-speaking browser: "/" sends it to /fr/.
    locale: "fr-BE",
    timezoneId: "Europe/Brussels",
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: CHROMIUM_ARGS,
    },
  },
  projects: [
    {
      name: "js-on",
      use: { javaScriptEnabled: true, viewport: { width: 1280, height: 800 } },
    },
    {
      name: "js-off",
      use: { javaScriptEnabled: false, viewport: { width: 360, height: 740 } },
    },
  ],
  webServer: {
    // A fresh data folder every run; DATABASE_URL and SMTP_URL are dropped so that the tests
    // never touch a real database or send real e-mail.
    command: `node -e "require('node:fs').rmSync(process.env.DATA_DIR, { recursive: true, force: true })" && unset DATABASE_URL SMTP_URL && npx tsx src/server.ts`,
    url: `${E2E_BASE_URL}/healthz`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      PORT: String(E2E_PORT),
      HOST: "127.0.0.1",
      BASE_URL: E2E_BASE_URL,
      DATA_DIR: E2E_DATA_DIR,
      LOG_LEVEL: "warn",
      DEMO_SEED: "true",
      // Every browser of the run signs in from 127.0.0.1, the demo accounts many times each.
      SIGN_IN_MAX_PER_ACCOUNT: "1000",
      SIGN_IN_MAX_PER_ADDRESS: "10000",
    },
  },
});
