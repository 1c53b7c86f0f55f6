import { existsSync } from "node:fs";
import path from "node:path";
import { REPO_ROOT } from "../../support/paths.js";

/** Where the end-to-end server listens; one server for every project and worker. */
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

/** The server's DATA_DIR: emptied before it starts, so every run begins from the demo data. */
export const E2E_DATA_DIR = process.env.E2E_DATA_DIR ?? path.join(REPO_ROOT, ".tmp", "e2e-data");
/** Without SMTP_URL the server writes every e-mail here as an .eml file. */
export const E2E_OUTBOX_DIR = path.join(E2E_DATA_DIR, "outbox");
/** Files the tests write (CSV uploads, locks): inside the data folder, so emptied with it. */
export const E2E_SCRATCH_DIR = path.join(E2E_DATA_DIR, "tests");

/** Debian's Chromium: no browser download exists here. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function chromiumIsInstalled(): boolean {
  return existsSync(CHROMIUM_PATH);
}

/**
 * Runs as root in containers (no sandbox), without a GPU, and without the browser's own calls
 * to the outside (refused here, and noise in CI).
 */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
