/** A command of `npm run letscoop -- <name> …`. */
export interface CliIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

export interface CliCommand {
  name: string;
  /** One line shown by `letscoop help`. */
  summary: string;
  /** Usage line, e.g. `tally --method schulze FILE`. */
  usage: string;
  /** Returns the process exit code. */
  run: (argv: string[], io: CliIo) => Promise<number>;
}

/** An error in the user's input: printed without a stack trace, exit code 2. */
export class UsageError extends Error {}
