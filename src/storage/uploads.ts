import { fileTypeFromBuffer } from "file-type";
import {
  ACCEPTED_FILES,
  checkFileName,
  contentMatches,
  MAX_UPLOAD_BYTES,
  type UploadProblem,
} from "../domain/files/upload-rules.js";

export interface CheckedUpload {
  name: string;
  mediaType: string;
  bytes: Uint8Array;
  /** The text, for plain-text files (diffable versions). */
  text: string | null;
}

/**
 * Checks an uploaded file (a web File from a multipart form): name, size, and that the
 * content is what the extension says (sniffed with file-type). Nothing is stored here.
 */
export async function checkUpload(
  file: File,
): Promise<{ ok: true; upload: CheckedUpload } | { ok: false; problem: UploadProblem }> {
  if (file.size === 0) return { ok: false, problem: "empty" };
  if (file.size > MAX_UPLOAD_BYTES) return { ok: false, problem: "tooLarge" };
  const named = checkFileName(file.name);
  if (!named.ok) return named;
  const bytes = new Uint8Array(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(bytes);
  if (!contentMatches(named.extension, bytes, detected?.ext)) return { ok: false, problem: "contentMismatch" };
  const rule = ACCEPTED_FILES[named.extension]!;
  return {
    ok: true,
    upload: {
      name: named.name,
      mediaType: rule.mediaType,
      bytes,
      text: rule.detect === "text" ? new TextDecoder().decode(bytes) : null,
    },
  };
}
