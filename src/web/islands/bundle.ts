import { createHash } from "node:crypto";
import { fileURLToPath } from "node:url";
import { buildSync } from "esbuild";
import type { Hono } from "hono";
import type { AppEnv } from "../context.js";

/**
 * The JavaScript islands, bundled in memory with esbuild when the server starts (a few
 * milliseconds each), served at a URL that changes with their content so that browsers may cache
 * them for a year. A page loads an island through the Layout's `scripts` prop; the CSP allows
 * scripts from this origin only, and pages work the same without them.
 */
export const ISLANDS = ["rank-ballot"] as const;
export type Island = (typeof ISLANDS)[number];

interface BuiltIsland {
  path: string;
  code: string;
}

function build(name: Island): BuiltIsland {
  const entry = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    // Phones a few years old: no syntax newer than their browsers understand.
    target: ["es2019"],
    minify: true,
    write: false,
    legalComments: "none",
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.text;
  const version = createHash("sha256").update(code).digest("hex").slice(0, 10);
  return { path: `/static/${name}.${version}.js`, code };
}

const built = new Map<Island, BuiltIsland>(ISLANDS.map((name) => [name, build(name)]));

/** The URL of an island's script, for the Layout's `scripts`. */
export function islandScript(name: Island): string {
  return built.get(name)!.path;
}

/** Serves every island at its content-hashed URL, cacheable for a year. */
export function mountIslands(app: Hono<AppEnv>): void {
  for (const island of built.values()) {
    app.get(island.path, (c) => {
      c.header("Cache-Control", "public, max-age=31536000, immutable");
      return c.body(island.code, 200, { "Content-Type": "text/javascript; charset=utf-8" });
    });
  }
}
