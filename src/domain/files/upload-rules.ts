/**
 * What LetsCoop accepts as an uploaded file (documents of a group, receipts of expenses): pure
 * rules on the name, the size and the first bytes. The content must match the extension: a
 * script renamed to .pdf is refused. No active content is accepted (no HTML, SVG, scripts).
 */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Extension → media type served back, and how the content is recognised. */
export const ACCEPTED_FILES: Record<string, { mediaType: string; detect: "binary" | "text"; detected?: string[] }> = {
  pdf: { mediaType: "application/pdf", detect: "binary", detected: ["pdf"] },
  png: { mediaType: "image/png", detect: "binary", detected: ["png"] },
  jpg: { mediaType: "image/jpeg", detect: "binary", detected: ["jpg"] },
  jpeg: { mediaType: "image/jpeg", detect: "binary", detected: ["jpg"] },
  webp: { mediaType: "image/webp", detect: "binary", detected: ["webp"] },
  odt: { mediaType: "application/vnd.oasis.opendocument.text", detect: "binary", detected: ["odt"] },
  ods: { mediaType: "application/vnd.oasis.opendocument.spreadsheet", detect: "binary", detected: ["ods"] },
  odp: { mediaType: "application/vnd.oasis.opendocument.presentation", detect: "binary", detected: ["odp"] },
  docx: {
    mediaType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    detect: "binary",
    detected: ["docx"],
  },
  xlsx: {
    mediaType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    detect: "binary",
    detected: ["xlsx"],
  },
  pptx: {
    mediaType: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    detect: "binary",
    detected: ["pptx"],
  },
  txt: { mediaType: "text/plain; charset=utf-8", detect: "text" },
  md: { mediaType: "text/markdown; charset=utf-8", detect: "text" },
  csv: { mediaType: "text/csv; charset=utf-8", detect: "text" },
};

export type UploadProblem = "empty" | "tooLarge" | "badName" | "unsupportedType" | "contentMismatch";

export type NameCheck = { ok: true; name: string; extension: string } | { ok: false; problem: UploadProblem };

/**
 * A safe display name from what the browser sent: the last path segment, no control or
 * invisible format characters, at most 120 characters, with an accepted extension. Names that are only dots,
 * or that hide a second extension of active content ("x.html.pdf" is fine, "x.pdf.html" is not accepted
 * since .html is not), are refused.
 */
export function checkFileName(raw: string): NameCheck {
  const lastSegment = raw.normalize("NFC").split(/[\\/]/).pop() ?? "";
  // Control and invisible format characters (such as right-to-left overrides that make
  // "x\u202Efdp.exe" look like "xexe.pdf") and the characters Windows refuses in names.
  const cleaned = lastSegment.replace(/[\p{Cc}\p{Cf}<>:"|?*]/gu, "").trim();
  if (cleaned === "" || /^\.+$/.test(cleaned) || cleaned.startsWith(".")) return { ok: false, problem: "badName" };
  if (cleaned.length > 120) return { ok: false, problem: "badName" };
  const dot = cleaned.lastIndexOf(".");
  if (dot <= 0) return { ok: false, problem: "unsupportedType" };
  const extension = cleaned.slice(dot + 1).toLowerCase();
  if (!(extension in ACCEPTED_FILES)) return { ok: false, problem: "unsupportedType" };
  return { ok: true, name: cleaned, extension };
}

/** Plain text: valid UTF-8 without NUL bytes. */
export function isPlainText(bytes: Uint8Array): boolean {
  if (bytes.includes(0)) return false;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the content matches the extension, given what a content sniffer (file-type) found
 * in the first bytes (`detectedExtension`, undefined when it recognised nothing).
 */
export function contentMatches(extension: string, bytes: Uint8Array, detectedExtension: string | undefined): boolean {
  const rule = ACCEPTED_FILES[extension];
  if (!rule) return false;
  if (rule.detect === "text") return detectedExtension === undefined && isPlainText(bytes);
  return detectedExtension !== undefined && (rule.detected ?? []).includes(detectedExtension);
}
