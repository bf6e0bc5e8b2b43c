// Form bodies (urlencoded and multipart, for metadata / CSV uploads) parsed with the platform's
// own FormData parser (undici), with a size cap so an oversize post gets a clear 413, not a crash.
import type { Request } from 'express';

export const DEFAULT_FORM_LIMIT_BYTES = 1024 * 1024;

export class FormBodyError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

const parsed = new WeakMap<Request, Promise<FormData>>();

export function readForm(req: Request, limitBytes = DEFAULT_FORM_LIMIT_BYTES): Promise<FormData> {
  let form = parsed.get(req);
  if (!form) {
    form = parseForm(req, limitBytes);
    parsed.set(req, form);
  }
  return form;
}

async function parseForm(req: Request, limitBytes: number): Promise<FormData> {
  const contentType = req.headers['content-type'] ?? '';
  if (!/^(application\/x-www-form-urlencoded|multipart\/form-data)\b/i.test(contentType)) {
    throw new FormBodyError(
      415,
      `This address expects an HTML form post (application/x-www-form-urlencoded or multipart/form-data), not "${contentType || 'no content type'}".`,
    );
  }
  const body = await readBody(req, limitBytes);
  try {
    return await new Response(Uint8Array.from(body), { headers: { 'content-type': contentType } }).formData();
  } catch {
    throw new FormBodyError(
      400,
      'The form post could not be read (its body does not match its content type). Reload the page and submit the form again.',
    );
  }
}

function readBody(req: Request, limitBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => {
      if (tooLarge)
        reject(
          new FormBodyError(
            413,
            `The form post is larger than ${Math.round(limitBytes / 1024)} KiB, which this portal does not accept. Send a smaller file.`,
          ),
        );
      else resolve(Buffer.concat(chunks));
    });
    req.on('error', reject);
  });
}

/** A text field's value; '' when absent (a file in a text field's place is ignored). */
export function field(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

export function checkbox(form: FormData, name: string): boolean {
  return form.get(name) !== null;
}

/** The text of an uploaded file; '' when no file was chosen. */
export async function fileText(form: FormData, name: string): Promise<string> {
  const value = form.get(name);
  if (value === null || typeof value === 'string') return '';
  return value.text();
}
