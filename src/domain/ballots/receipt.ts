import { createHash, randomBytes } from "node:crypto";

/**
 * The receipt secret of a cast ballot: 140 random bits shown to the voter once, as seven groups
 * of four Crockford base32 characters ("7K3M-Q9TX-…"). The database keeps only its tracker,
 * SHA-256 of the canonical code (hex): the tracker is public (bulletin board), the code is what
 * lets the voter replace their ballot, and nothing else ties the ballot to them.
 *
 * Anyone can recompute a tracker: `printf %s 7K3MQ9TX… | sha256sum` (the code without dashes).
 */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
export const RECEIPT_LENGTH = 28;
const GROUP = 4;
export const RECEIPT_BITS = RECEIPT_LENGTH * 5;

/** Encodes random bytes as the canonical code (no dashes). Needs at least 18 bytes. */
export function receiptFromBytes(bytes: Uint8Array): string {
  if (bytes.length * 8 < RECEIPT_BITS) throw new RangeError(`a receipt needs ${RECEIPT_BITS} random bits`);
  let code = "";
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5 && code.length < RECEIPT_LENGTH) {
      code += ALPHABET[(buffer >> (bits - 5)) & 31];
      bits -= 5;
    }
    buffer &= (1 << bits) - 1;
    if (code.length === RECEIPT_LENGTH) break;
  }
  return code;
}

export function newReceiptCode(): string {
  return receiptFromBytes(randomBytes(Math.ceil(RECEIPT_BITS / 8)));
}

/** "7K3MQ9TX…" → "7K3M-Q9TX-…", as shown to the voter. */
export function formatReceipt(canonical: string): string {
  const groups: string[] = [];
  for (let i = 0; i < canonical.length; i += GROUP) groups.push(canonical.slice(i, i + GROUP));
  return groups.join("-");
}

/**
 * The canonical code of what a voter typed: case, spaces and dashes ignored, and the letters
 * Crockford base32 leaves out read as the digits they look like (O → 0, I and L → 1). null when
 * it cannot be a receipt.
 */
export function normaliseReceipt(input: string): string | null {
  if (input.length > 200) return null;
  const cleaned = input
    .toUpperCase()
    .replace(/[\s\-‐-―_.]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  if (cleaned.length !== RECEIPT_LENGTH) return null;
  for (const char of cleaned) if (!ALPHABET.includes(char)) return null;
  return cleaned;
}

/** The public tracker of a receipt: SHA-256 of the canonical code, lower-case hex. */
export function trackerOf(canonical: string): string {
  return createHash("sha256").update(canonical, "utf8").digest("hex");
}

export function newReceipt(): { code: string; tracker: string } {
  const canonical = newReceiptCode();
  return { code: formatReceipt(canonical), tracker: trackerOf(canonical) };
}

/** A tracker as typed into the bulletin board's search: hex digits only, lower case. */
export function normaliseTrackerQuery(input: string): string {
  return input
    .toLowerCase()
    .replace(/[^0-9a-f]/g, "")
    .slice(0, 64);
}
