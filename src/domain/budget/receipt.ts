import { checkFileName, type UploadProblem } from "../files/upload-rules.js";

/** A receipt is a scan or a photo: PDF, PNG, JPEG or WebP (the general upload rules accept more). */
export const RECEIPT_EXTENSIONS = ["pdf", "png", "jpg", "jpeg", "webp"] as const;
export const RECEIPT_ACCEPT = ".pdf,.png,.jpg,.jpeg,.webp,application/pdf,image/png,image/jpeg,image/webp";

/** Whether the name is acceptable for a receipt, before the content is read. */
export function checkReceiptName(name: string): { ok: true } | { ok: false; problem: UploadProblem } {
  const named = checkFileName(name);
  if (!named.ok) return named;
  if (!(RECEIPT_EXTENSIONS as readonly string[]).includes(named.extension)) {
    return { ok: false, problem: "unsupportedType" };
  }
  return { ok: true };
}
