import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const cssFile = fileURLToPath(new URL("./assets/app.css", import.meta.url));
export const STYLESHEET = readFileSync(cssFile, "utf8");
const version = createHash("sha256").update(STYLESHEET).digest("hex").slice(0, 10);
/** The stylesheet's URL changes with its content, so it can be cached for a year. */
export const STYLESHEET_PATH = `/static/app.${version}.css`;
