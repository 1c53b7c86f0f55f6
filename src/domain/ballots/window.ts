/**
 * Whether votes are taken at an instant: the ballot must be open AND inside its window. A ballot
 * still marked open after its closing time (the close has not run yet) takes no more votes.
 */
export type VotingWindow = "not_open" | "not_yet" | "over" | "taking_votes";

export function votingWindow(
  ballot: { status: string; opensAt: Date | null; closesAt: Date | null },
  now: Date,
): VotingWindow {
  if (ballot.status !== "open") return "not_open";
  if (ballot.opensAt && now.getTime() < ballot.opensAt.getTime()) return "not_yet";
  if (ballot.closesAt && now.getTime() >= ballot.closesAt.getTime()) return "over";
  return "taking_votes";
}
