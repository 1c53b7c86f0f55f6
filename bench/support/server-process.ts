import { spawn, type ChildProcess } from "node:child_process";
import { openSync, closeSync, readFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** A port nobody listens on right now, on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      const port = typeof address === "object" && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export interface ServerOptions {
  port: number;
  dataDir: string;
  secret: string;
  /** PostgreSQL; the embedded database in dataDir when absent. */
  databaseUrl?: string;
  /** The server's log (stdout and stderr) goes to this file. */
  logFile: string;
  logLevel?: string;
  env?: Record<string, string>;
  /** Extra options for node itself (e.g. --cpu-prof). */
  nodeArgs?: string[];
}

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  baseUrl: string;
  /** Resolves with the exit code or signal when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** CPU time (user + system) the process has used so far, in ms (Linux /proc). */
  cpuMs: () => number | null;
  log: () => string;
}

const CLOCK_TICKS_PER_SECOND = 100;

function cpuOf(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 of stat (utime, stime) are the 12th and 13th after the command name.
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return null;
  }
}

/**
 * Starts the real server (`src/server.ts` through tsx, as `npm start` does) on 127.0.0.1 and waits
 * until /healthz answers. Its output goes to a file, so that the pipe never slows it down.
 */
export async function startServer(options: ServerOptions, timeoutMs = 90_000): Promise<ServerProcess> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(options.port),
    HOST: "127.0.0.1",
    DATA_DIR: options.dataDir,
    SECRET: options.secret,
    DEMO_SEED: "false",
    LOG_LEVEL: options.logLevel ?? "info",
    BASE_URL: `http://127.0.0.1:${options.port}`,
    ...options.env,
  };
  if (options.databaseUrl) env.DATABASE_URL = options.databaseUrl;
  else delete env.DATABASE_URL;
  const out = openSync(options.logFile, "a");
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), "--import", "tsx", path.join(REPO_ROOT, "src/server.ts")],
    {
      cwd: REPO_ROOT,
      env,
      stdio: ["ignore", out, out],
    },
  );
  closeSync(out);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("exit", (code, signal) => resolve({ code, signal })),
  );
  const baseUrl = `http://127.0.0.1:${options.port}`;
  const server: ServerProcess = {
    child,
    pid: child.pid!,
    baseUrl,
    exited,
    cpuMs: () => cpuOf(child.pid!),
    log: () => {
      try {
        return readFileSync(options.logFile, "utf8");
      } catch {
        return "";
      }
    },
  };
  const until = Date.now() + timeoutMs;
  let dead = false;
  void exited.then(() => (dead = true));
  for (;;) {
    if (dead) throw new Error(`the server exited before answering:\n${server.log().slice(-3000)}`);
    try {
      const res = await fetch(`${baseUrl}/healthz`, { signal: AbortSignal.timeout(2_000) });
      if (res.ok) return server;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > until) {
      child.kill("SIGKILL");
      throw new Error(`the server did not answer /healthz within ${timeoutMs} ms:\n${server.log().slice(-3000)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Stops the server as an operator would (SIGTERM), killing it if it does not stop in time. */
export async function stopServer(server: ServerProcess, timeoutMs = 20_000): Promise<void> {
  if (server.child.exitCode !== null || server.child.signalCode !== null) return;
  server.child.kill("SIGTERM");
  const timer = setTimeout(() => server.child.kill("SIGKILL"), timeoutMs);
  await server.exited;
  clearTimeout(timer);
}
