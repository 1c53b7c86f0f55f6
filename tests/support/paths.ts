import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const TMP_DIR = path.join(REPO_ROOT, ".tmp");
export const PGLITE_TEMPLATE = path.join(TMP_DIR, "test-template.pglite.tar.gz");
export const PG_TEMPLATE_DB = "letscoop_test_template";
