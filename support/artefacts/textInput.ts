// The bytes support pasted or saved, as text: UTF-8 (with or without a BOM), or UTF-16 as Windows
// tools save it (PowerShell's `>`, Notepad's "Unicode"), said so; anything else that is not text
// (an image, an archive, a packet capture) is refused with what it looks like.
import { notAnArtefact } from './errors.ts';

export interface TextInput {
  readonly text: string;
  /** How the bytes were read, when it was not plain UTF-8. */
  readonly note?: string;
}

const MAGIC: readonly (readonly [bytes: readonly number[], what: string])[] = [
  [[0x50, 0x4b, 0x03, 0x04], 'a ZIP archive (a .zip, .docx or .saz file): unpack it and pass the file inside'],
  [[0x1f, 0x8b], 'gzip-compressed data: decompress it first (gunzip)'],
  [[0x89, 0x50, 0x4e, 0x47], 'a PNG image: a screenshot cannot be read, capture the HAR or copy the SAMLResponse / ID token as text'],
  [[0xff, 0xd8, 0xff], 'a JPEG image: a screenshot cannot be read, capture the HAR or copy the SAMLResponse / ID token as text'],
  [[0x25, 0x50, 0x44, 0x46], 'a PDF document: copy the SAMLResponse or ID token out of it as text'],
  [[0xd4, 0xc3, 0xb2, 0xa1], 'a packet capture (pcap): TLS traffic cannot be read from it, capture a HAR in the browser instead'],
  [[0x0a, 0x0d, 0x0d, 0x0a], 'a packet capture (pcapng): TLS traffic cannot be read from it, capture a HAR in the browser instead'],
];

const startsWith = (bytes: Buffer, prefix: readonly number[]): boolean => prefix.every((byte, index) => bytes[index] === byte);

/** Every other byte NUL over the first kilobyte: UTF-16 of mostly ASCII text without a BOM. */
function utf16WithoutBom(bytes: Buffer): 'utf16le' | 'utf16be' | undefined {
  const sample = bytes.subarray(0, Math.min(bytes.length - (bytes.length % 2), 1024));
  if (sample.length < 4) return undefined;
  let evenNul = 0;
  let oddNul = 0;
  for (let index = 0; index < sample.length; index += 2) {
    if (sample[index] === 0) evenNul += 1;
    if (sample[index + 1] === 0) oddNul += 1;
  }
  const pairs = sample.length / 2;
  if (oddNul > pairs * 0.9 && evenNul === 0) return 'utf16le';
  if (evenNul > pairs * 0.9 && oddNul === 0) return 'utf16be';
  return undefined;
}

function swapBytes(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
}

export function readTextInput(bytes: Buffer): TextInput {
  if (startsWith(bytes, [0xff, 0xfe]))
    return {
      text: bytes.subarray(2).toString('utf16le'),
      note: 'Read as UTF-16 LE (it starts with that byte order mark, as PowerShell and Notepad save text).',
    };
  if (startsWith(bytes, [0xfe, 0xff]))
    return { text: swapBytes(bytes.subarray(2)).toString('utf16le'), note: 'Read as UTF-16 BE (it starts with that byte order mark).' };
  const utf16 = utf16WithoutBom(bytes);
  if (utf16 === 'utf16le')
    return { text: bytes.toString('utf16le'), note: 'Read as UTF-16 LE (no byte order mark, but every other byte is zero).' };
  if (utf16 === 'utf16be')
    return { text: swapBytes(bytes).toString('utf16le'), note: 'Read as UTF-16 BE (no byte order mark, but every other byte is zero).' };
  const magic = MAGIC.find(([prefix]) => startsWith(bytes, prefix));
  if (magic) throw notAnArtefact(`it is ${magic[1]}.`);
  const text = bytes.toString('utf8');
  const invalid = (text.match(/\uFFFD/g) ?? []).length;
  // eslint-disable-next-line no-control-regex -- counting control characters is the point
  const controls = (text.match(/[\u0000-\u0008\u000E-\u001F]/g) ?? []).length;
  if (bytes.includes(0) || invalid + controls > Math.max(3, text.length / 100)) {
    throw notAnArtefact(
      `it is binary data (${bytes.length} bytes that are not UTF-8 or UTF-16 text), not a login message. Pass the SAMLResponse, the ID token or the HAR file as text.`,
    );
  }
  return { text };
}
