// The parts of a multipart/form-data body (RFC 7578) as a browser sends a form: text fields, and
// file fields with their file name, type and bytes (an empty file input is a part with an empty
// file name). Enough to send a recorded form post again, not a general MIME parser.

export interface MultipartPart {
  readonly name: string;
  /** Present on a file field (possibly ''). */
  readonly fileName?: string;
  readonly contentType?: string;
  readonly content: Buffer;
}

/** The boundary of a `multipart/form-data; boundary=…` content type; undefined for any other type. */
export function multipartBoundary(contentType: string): string | undefined {
  if (!/^multipart\/form-data\s*;/i.test(contentType)) return undefined;
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function headerParam(header: string, name: string): string | undefined {
  const match = new RegExp(`;\\s*${name}="((?:[^"\\\\]|\\\\.)*)"`, 'i').exec(header);
  return match?.[1]?.replace(/\\(.)/g, '$1').replace(/%22/g, '"').replace(/%0D/gi, '\r').replace(/%0A/gi, '\n');
}

export function parseMultipart(body: Buffer, boundary: string): MultipartPart[] {
  const delimiter = Buffer.from(`--${boundary}`);
  const parts: MultipartPart[] = [];
  let at = body.indexOf(delimiter);
  if (at < 0) throw new Error(`No part delimited by "--${boundary}" in the body.`);
  for (;;) {
    at += delimiter.length;
    if (body.subarray(at, at + 2).toString() === '--') return parts;
    const headersEnd = body.indexOf('\r\n\r\n', at);
    const next = body.indexOf(Buffer.concat([Buffer.from('\r\n'), delimiter]), at);
    if (headersEnd < 0 || next < 0 || headersEnd > next) throw new Error('A multipart part has no header block or no closing delimiter.');
    const headers = body.subarray(at, headersEnd).toString('utf8').split('\r\n').filter(Boolean);
    const disposition = headers.find((line) => /^content-disposition:/i.test(line)) ?? '';
    const type = headers.find((line) => /^content-type:/i.test(line));
    const name = headerParam(disposition, 'name');
    if (name === undefined) throw new Error(`A multipart part has no field name: ${disposition || '(no Content-Disposition)'}`);
    const fileName = headerParam(disposition, 'filename');
    parts.push({
      name,
      content: body.subarray(headersEnd + 4, next),
      ...(fileName === undefined ? {} : { fileName }),
      ...(type === undefined ? {} : { contentType: type.slice(type.indexOf(':') + 1).trim() }),
    });
    at = next + 2;
  }
}
