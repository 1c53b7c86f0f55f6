import http from "node:http";

/** One request to send; `expect` says which statuses count as the intended answer. */
export interface PlannedRequest {
  method: "GET" | "POST";
  path: string;
  headers: Record<string, string>;
  body?: string;
  /** Statuses that are the right answer (e.g. [303] for a ballot, [422] for an invalid one). */
  expect: number[];
  /** True for a request that must be refused (a 4xx is its right answer). */
  intendedRefusal?: boolean;
}

export interface Sent {
  index: number;
  status: number | null;
  location: string | null;
  /** Set-Cookie headers of the answer. */
  setCookie: string[];
  /** ms from the moment the request was sent to the end of the response. */
  latencyMs: number;
  /** ms from the moment it was due (open-loop schedule) to the end of the response. */
  fromScheduleMs: number;
  error?: string;
}

export interface LoadOptions {
  port: number;
  /** Requests, in order; the run stops when they are all sent or the time is up. */
  next: (index: number) => PlannedRequest | null;
  /** Target requests per second (open loop); Infinity sends as fast as `maxInFlight` allows. */
  rate: number;
  durationMs: number;
  /** Requests in flight at most (also the number of keep-alive connections). */
  maxInFlight: number;
  timeoutMs?: number;
  /** Called with each answer as it arrives. */
  onAnswer?: (sent: Sent, request: PlannedRequest) => void;
  /** Stop sending when this returns true (checked before each request). */
  stop?: () => boolean;
  /** Keep-alive connections to reuse (e.g. those a warm-up opened); else new ones, closed at the end. */
  agent?: http.Agent;
}

export interface LoadReport {
  sent: number;
  answered: number;
  /** Answers with an expected status. */
  expected: number;
  /** Of those, intended refusals (4xx). */
  intendedRefusals: number;
  /** Answers with a status not expected, by status. */
  unexpected: Record<string, number>;
  /** Network errors and timeouts. */
  failures: number;
  /** The same, by error message. */
  failureKinds: Record<string, number>;
  wallMs: number;
  /** Requests that could not be sent when due because `maxInFlight` were pending. */
  lateStarts: number;
  latencies: number[];
  fromSchedule: number[];
  answers: Sent[];
}

/** Keep-alive connections to 127.0.0.1, as many as requests in flight. */
export function keepAliveAgent(maxSockets: number): http.Agent {
  return new http.Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

/**
 * Drives HTTP requests at a target rate over keep-alive connections to 127.0.0.1 (open loop:
 * request i is due at start + i / rate, whatever the previous answers took, up to `maxInFlight`
 * at once). Bounded in count (`next` returns null) and in time (`durationMs`).
 */
export async function driveLoad(options: LoadOptions): Promise<LoadReport> {
  const agent = options.agent ?? keepAliveAgent(options.maxInFlight);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const report: LoadReport = {
    sent: 0,
    answered: 0,
    expected: 0,
    intendedRefusals: 0,
    unexpected: {},
    failures: 0,
    failureKinds: {},
    wallMs: 0,
    lateStarts: 0,
    latencies: [],
    fromSchedule: [],
    answers: [],
  };
  let inFlight = 0;
  let wake: (() => void) | null = null;
  const started = performance.now();
  const deadline = started + options.durationMs;
  const interval = Number.isFinite(options.rate) ? 1000 / options.rate : 0;
  const pending = new Set<Promise<void>>();

  const send = (index: number, request: PlannedRequest, dueAt: number) => {
    inFlight++;
    report.sent++;
    const sentAt = performance.now();
    const promise = new Promise<void>((resolve) => {
      const finish = (status: number | null, location: string | null, error?: string, setCookie: string[] = []) => {
        const end = performance.now();
        const answer: Sent = {
          index,
          status,
          location,
          setCookie,
          latencyMs: end - sentAt,
          fromScheduleMs: end - dueAt,
          ...(error ? { error } : {}),
        };
        report.answers.push(answer);
        if (status === null) {
          report.failures++;
          const kind = error ?? "unknown";
          report.failureKinds[kind] = (report.failureKinds[kind] ?? 0) + 1;
        } else {
          report.answered++;
          report.latencies.push(answer.latencyMs);
          report.fromSchedule.push(answer.fromScheduleMs);
          if (request.expect.includes(status)) {
            report.expected++;
            if (request.intendedRefusal && status >= 400) report.intendedRefusals++;
          } else {
            report.unexpected[String(status)] = (report.unexpected[String(status)] ?? 0) + 1;
          }
        }
        options.onAnswer?.(answer, request);
        inFlight--;
        wake?.();
        resolve();
      };
      const req = http.request(
        {
          host: "127.0.0.1",
          port: options.port,
          method: request.method,
          path: request.path,
          agent,
          headers: {
            ...request.headers,
            ...(request.body !== undefined ? { "content-length": String(Buffer.byteLength(request.body)) } : {}),
          },
          timeout: timeoutMs,
        },
        (res) => {
          res.resume();
          res.on("end", () =>
            finish(
              res.statusCode ?? null,
              (res.headers.location as string | undefined) ?? null,
              undefined,
              res.headers["set-cookie"] ?? [],
            ),
          );
          res.on("error", (e) => finish(null, null, e.message));
        },
      );
      req.on("timeout", () => req.destroy(new Error("timeout")));
      req.on("error", (e) => finish(null, null, e.message));
      if (request.body !== undefined) req.write(request.body);
      req.end();
    });
    pending.add(promise);
    void promise.then(() => pending.delete(promise));
  };

  let index = 0;
  let lateCounted = -1;
  for (;;) {
    const now = performance.now();
    if (now >= deadline || options.stop?.()) break;
    const dueAt = started + index * interval;
    if (dueAt > now) {
      await new Promise<void>((r) => setTimeout(r, Math.max(0, Math.min(dueAt - now, deadline - now))));
      continue;
    }
    if (inFlight >= options.maxInFlight) {
      if (now - dueAt > 1 && lateCounted !== index) {
        report.lateStarts++;
        lateCounted = index;
      }
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 50);
      });
      wake = null;
      continue;
    }
    const request = options.next(index);
    if (!request) break;
    send(index, request, dueAt);
    index++;
    // Yield now and then so answers are read while a backlog is being sent.
    if (index % 32 === 0) await new Promise((r) => setImmediate(r));
  }
  // Wait for the answers still in flight (bounded by the request timeout).
  await Promise.all([...pending]);
  report.wallMs = performance.now() - started;
  if (!options.agent) agent.destroy();
  return report;
}
