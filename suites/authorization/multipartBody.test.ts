import { describe, expect, it } from 'vitest';
import { multipartBoundary, parseMultipart } from './multipartBody.ts';

const BOUNDARY = '----WebKitFormBoundaryAbc123';
const body = Buffer.from(
  [
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="csrf"',
    '',
    'tok-1',
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="metadata_url"',
    '',
    'http://127.0.0.1:9/m?a=1&b=2',
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="cert"; filename=""',
    'Content-Type: application/octet-stream',
    '',
    '',
    `--${BOUNDARY}`,
    'Content-Disposition: form-data; name="users"; filename="a %22b%22.csv"',
    'Content-Type: text/csv',
    '',
    'email\r\nx@y.example',
    `--${BOUNDARY}--`,
    '',
  ].join('\r\n'),
);

describe('multipart/form-data bodies as a browser sends them', () => {
  it('reads the boundary of a multipart content type only', () => {
    expect(multipartBoundary(`multipart/form-data; boundary=${BOUNDARY}`)).toBe(BOUNDARY);
    expect(multipartBoundary('multipart/form-data; boundary="a b"')).toBe('a b');
    expect(multipartBoundary('application/x-www-form-urlencoded')).toBeUndefined();
  });

  it('gives text fields, empty file inputs and files with their names, types and bytes (CRLF inside a file kept)', () => {
    const parts = parseMultipart(body, BOUNDARY);
    expect(parts.map((part) => [part.name, part.fileName, part.contentType, part.content.toString()])).toEqual([
      ['csrf', undefined, undefined, 'tok-1'],
      ['metadata_url', undefined, undefined, 'http://127.0.0.1:9/m?a=1&b=2'],
      ['cert', '', 'application/octet-stream', ''],
      ['users', 'a "b".csv', 'text/csv', 'email\r\nx@y.example'],
    ]);
  });

  it('says what is wrong with a body that is not of that boundary', () => {
    expect(() => parseMultipart(Buffer.from('hello'), BOUNDARY)).toThrow(/No part delimited/);
    expect(() =>
      parseMultipart(Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${BOUNDARY}--`), BOUNDARY),
    ).toThrow(/no field name/);
  });
});
