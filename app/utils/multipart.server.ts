// Form bodies that may carry files (multipart/form-data, and url-encoded ones on
// the same routes), read as they stream in, with busboy, under field limits.
// Why not Remix's unstable_parseMultipartFormData: its parser
// (@web3-storage/multipart-parser) searched for boundaries at about 5 MB/s on
// the thread that answers everyone; a 1.3 MB import file held the event loop
// for 250 ms (npm run profile:long-tasks). busboy searches with
// Boyer-Moore-Horspool (streamsearch) in a fraction of that, chunk by chunk.
import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";

import busboy from "busboy";

import { AppError } from "./http.server";

/** One file part as it streams in. `data` must be read to the end (or the form never finishes). */
export type FilePart = { name: string; filename: string; contentType: string; data: AsyncIterable<Uint8Array> };
/** Turns a file part into the form's value (a File, a string), or undefined to leave it out. */
export type FileHandler = (part: FilePart) => Promise<File | string | undefined>;

/** Text fields: far more than any form of ours sends. */
const FIELD_LIMITS = { fieldSize: 64 * 1024, fields: 200, parts: 300 } as const;

/** A file was larger than the limit; thrown once the part has been read (and dropped). */
export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  constructor(
    readonly field: string,
    readonly maxBytes: number,
  ) {
    super(`The file in "${field}" is larger than ${maxBytes} bytes`);
  }
}

/**
 * Keeps each chosen file in memory as a File, up to `maxBytes` each; a larger
 * one is read to the end without being kept, then FileTooLargeError. A file
 * input left empty (no file chosen) gives no entry.
 */
export function memoryFiles({ maxBytes }: { maxBytes: number }): FileHandler {
  return async ({ name, filename, contentType, data }) => {
    const chunks: Uint8Array[] = [];
    let bytes = 0;
    for await (const chunk of data) {
      bytes += chunk.byteLength;
      if (bytes <= maxBytes) chunks.push(chunk);
    }
    if (bytes > maxBytes) throw new FileTooLargeError(name, maxBytes);
    if (filename === "" && bytes === 0) return undefined;
    return new File([Buffer.concat(chunks)], filename, { type: contentType });
  };
}

type Settled = { ok: true; name: string; value: File | string | undefined } | { ok: false; error: unknown };

/**
 * Reads a multipart/form-data request into FormData, in the order the parts
 * came: text fields as strings, files through `onFile`. The request's body
 * size is already bounded by the server (scripts/serve.ts); url-encoded bodies
 * are read the same way, under the same field limits. Errors: AppError 400 for
 * a body that is neither or is cut short, 413 for a field over 64 KB or too
 * many fields or parts; whatever `onFile` throws (after the whole body has been
 * read).
 */
export function parseMultipartForm(request: Request, onFile: FileHandler): Promise<FormData> {
  const contentType = request.headers.get("Content-Type") ?? "";
  return new Promise<FormData>((resolve, reject) => {
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: { "content-type": contentType }, defParamCharset: "utf8", limits: FIELD_LIMITS });
    } catch {
      reject(new AppError("Expected a multipart form (multipart/form-data with a boundary)", 400, { form: "not multipart" }));
      return;
    }
    // Settled at once, so a handler that fails early is never an unhandled rejection.
    const parts: Promise<Settled>[] = [];
    const tooMuch = (what: string) => parts.push(Promise.resolve({ ok: false, error: new AppError(`Payload Too Large: ${what}`, 413, { form: "too large" }) }));
    parser.on("field", (name, value, info) => {
      // A field past the limit is refused, never kept cut short (nor echoed back whole: 30 MB once).
      if (info.valueTruncated || info.nameTruncated) tooMuch(`a form field is longer than ${FIELD_LIMITS.fieldSize} bytes`);
      else parts.push(Promise.resolve({ ok: true, name, value }));
    });
    parser.on("fieldsLimit", () => tooMuch(`more than ${FIELD_LIMITS.fields} form fields`));
    parser.on("partsLimit", () => tooMuch(`more than ${FIELD_LIMITS.parts} parts`));
    parser.on("file", (name, stream, info) => {
      parts.push(
        onFile({ name, filename: info.filename ?? "", contentType: info.mimeType, data: stream }).then(
          (value): Settled => ({ ok: true, name, value }),
          (error: unknown): Settled => {
            stream.resume(); // keep reading the body, so the form (and the response) can finish
            return { ok: false, error };
          },
        ),
      );
    });
    parser.on("error", () => reject(new AppError("The form could not be read (cut short or malformed)", 400, { form: "malformed" })));
    parser.on("close", () => {
      void Promise.all(parts).then((settled) => {
        const failed = settled.find((s) => !s.ok);
        if (failed && !failed.ok) return reject(failed.error);
        const form = new FormData();
        for (const s of settled) if (s.ok && s.value !== undefined) form.append(s.name, s.value);
        resolve(form);
      });
    });
    if (!request.body) {
      parser.end();
      return;
    }
    const body = Readable.fromWeb(request.body as unknown as NodeReadableStream<Uint8Array>);
    body.on("error", (error) => parser.destroy(error));
    body.pipe(parser);
  });
}
