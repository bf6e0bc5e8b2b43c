// The DER of a minimal self-signed X.509 v3 test certificate (RFC 5280 §4.1): just enough ASN.1
// for the fields lib/x509.ts writes — the same fields node-forge wrote before: serial, RSA-SHA256,
// the subject name, validity, SPKI, basicConstraints (not a CA) and keyUsage digitalSignature, plus
// (when asked) a non-critical Netscape comment (nsComment) that says what the certificate is. And
// the few readers lib/x509.ts needs back: a certificate's subject attributes and its comment.

/** The subject attribute types the test certificates use (vendor subjects included), by their OpenSSL short names. */
export type SubjectAttributeType = 'C' | 'ST' | 'L' | 'O' | 'OU' | 'CN' | 'emailAddress';
/** A distinguished name as written in the certificate: one attribute per RDN, in this order. */
export type DistinguishedName = readonly (readonly [type: SubjectAttributeType, value: string])[];

export interface CertificateFields {
  readonly serial: Buffer;
  readonly subject: DistinguishedName;
  /** Written as a non-critical nsComment extension (IA5String) after keyUsage; absent: no such extension. */
  readonly comment?: string;
  readonly notBefore: Date;
  readonly notAfter: Date;
  /** DER SubjectPublicKeyInfo, as `KeyObject.export({ type: 'spki', format: 'der' })` writes it. */
  readonly subjectPublicKeyInfo: Buffer;
}

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, ...content: Buffer[]): Buffer {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
}

const sequence = (...content: Buffer[]): Buffer => tlv(0x30, ...content);
const set = (...content: Buffer[]): Buffer => tlv(0x31, ...content);

export function oid(dotted: string): Buffer {
  const [first = 0, second = 0, ...rest] = dotted.split('.').map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const chunk = [arc & 0x7f];
    for (let value = Math.floor(arc / 128); value > 0; value = Math.floor(value / 128)) chunk.unshift(0x80 | (value & 0x7f));
    bytes.push(...chunk);
  }
  return tlv(0x06, Buffer.from(bytes));
}

/** A DER INTEGER from unsigned big-endian bytes (minimal: no redundant leading zeros, positive). */
export function unsignedInteger(bytes: Buffer): Buffer {
  let start = 0;
  while (start < bytes.length - 1 && bytes[start] === 0) start++;
  const trimmed = bytes.subarray(start);
  return tlv(0x02, (trimmed[0] ?? 0) & 0x80 ? Buffer.concat([Buffer.from([0]), trimmed]) : trimmed);
}

const PRINTABLE = /^[A-Za-z0-9 '()+,\-./:=?]*$/;

/** PrintableString where the value allows it (what node-forge wrote), UTF8String otherwise. */
function directoryString(value: string): Buffer {
  return PRINTABLE.test(value) ? tlv(0x13, Buffer.from(value, 'ascii')) : tlv(0x0c, Buffer.from(value, 'utf8'));
}

/** RFC 5280 §4.1.2.5: UTCTime through 2049, GeneralizedTime from 2050; whole seconds, Zulu. */
export function time(date: Date): Buffer {
  const iso = date.toISOString();
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '');
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050
    ? tlv(0x17, Buffer.from(`${digits.slice(2)}Z`, 'ascii'))
    : tlv(0x18, Buffer.from(`${digits}Z`, 'ascii'));
}

const SHA256_WITH_RSA = sequence(oid('1.2.840.113549.1.1.11'), Buffer.from([0x05, 0x00]));

const ATTRIBUTE_OIDS: Readonly<Record<SubjectAttributeType, string>> = {
  C: '2.5.4.6',
  ST: '2.5.4.8',
  L: '2.5.4.7',
  O: '2.5.4.10',
  OU: '2.5.4.11',
  CN: '2.5.4.3',
  emailAddress: '1.2.840.113549.1.9.1',
};
/** Netscape certificate comment (2.16.840.1.113730.1.13): free text, shown by `openssl x509 -text`. */
const NS_COMMENT = '2.16.840.1.113730.1.13';

const ia5String = (value: string): Buffer => tlv(0x16, Buffer.from(value, 'ascii'));

/** RFC 5280 Appendix A: emailAddress is an IA5String; the other attributes DirectoryStrings. */
const attributeValue = (type: SubjectAttributeType, value: string): Buffer =>
  type === 'emailAddress' ? ia5String(value) : directoryString(value);

function name(subject: DistinguishedName): Buffer {
  return sequence(...subject.map(([type, value]) => set(sequence(oid(ATTRIBUTE_OIDS[type]), attributeValue(type, value)))));
}

function extensions(comment: string | undefined): Buffer {
  // basicConstraints: an empty SEQUENCE (cA DEFAULT FALSE is omitted in DER); keyUsage: digitalSignature (bit 0).
  const basicConstraints = sequence(oid('2.5.29.19'), tlv(0x04, sequence()));
  const keyUsage = sequence(oid('2.5.29.15'), tlv(0x04, tlv(0x03, Buffer.from([0x07, 0x80]))));
  // critical DEFAULT FALSE is omitted: a parser that does not know nsComment ignores it.
  const nsComment = comment === undefined ? [] : [sequence(oid(NS_COMMENT), tlv(0x04, ia5String(comment)))];
  return tlv(0xa3, sequence(basicConstraints, keyUsage, ...nsComment));
}

/** TBSCertificate of a self-signed certificate (issuer = subject). */
export function tbsCertificate(fields: CertificateFields): Buffer {
  if (fields.subject.length === 0) throw new Error('A test certificate needs a subject.');
  const subject = name(fields.subject);
  return sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([0x02]))),
    unsignedInteger(fields.serial),
    SHA256_WITH_RSA,
    subject,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    subject,
    fields.subjectPublicKeyInfo,
    extensions(fields.comment),
  );
}

/** Certificate = TBSCertificate, signatureAlgorithm, signatureValue (a BIT STRING with no unused bits). */
export function signedCertificate(tbs: Buffer, signature: Buffer): Buffer {
  return sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0x00]), signature));
}

// --- reading back -------------------------------------------------------------------------------

interface Element {
  readonly tag: number;
  /** The content octets. */
  readonly content: Buffer;
}

/** The TLVs one after another in `bytes` (definite lengths only, as DER has). */
function elements(bytes: Buffer): Element[] {
  const found: Element[] = [];
  let offset = 0;
  while (offset < bytes.length) {
    const tag = bytes[offset]!;
    let length = bytes[offset + 1]!;
    let start = offset + 2;
    if (length & 0x80) {
      const octets = length & 0x7f;
      length = [...bytes.subarray(start, start + octets)].reduce((sum, byte) => sum * 256 + byte, 0);
      start += octets;
    }
    if (start + length > bytes.length) throw new Error('Not DER: an element runs past its container.');
    found.push({ tag, content: bytes.subarray(start, start + length) });
    offset = start + length;
  }
  return found;
}

function only(bytes: Buffer, tag: number): Element {
  const [element] = elements(bytes);
  if (element?.tag !== tag) throw new Error(`Not an X.509 certificate: expected tag 0x${tag.toString(16)}.`);
  return element;
}

/** TBSCertificate's fields: [0] version, serial, signature, issuer, validity, subject, SPKI, then [3] extensions. */
function tbsFields(certificateDer: Buffer): Element[] {
  const certificate = only(certificateDer, 0x30);
  return elements(only(certificate.content, 0x30).content);
}

const ATTRIBUTE_TYPES = new Map(Object.entries(ATTRIBUTE_OIDS).map(([type, dotted]) => [oid(dotted).toString('hex'), type]));

/** The certificate's subject, one attribute per RDN in order (the types this module writes; others are refused). */
export function subjectOf(certificateDer: Buffer): DistinguishedName {
  const subject = tbsFields(certificateDer)[5];
  if (subject?.tag !== 0x30) throw new Error('Not an X.509 v3 certificate: no subject.');
  return elements(subject.content).map((rdn) => {
    const [type, value] = elements(only(rdn.content, 0x30).content);
    const name = ATTRIBUTE_TYPES.get(type ? tlv(type.tag, type.content).toString('hex') : '');
    if (!name || !value) throw new Error('The subject has an attribute type the test certificates do not write.');
    return [name as SubjectAttributeType, value.content.toString(value.tag === 0x0c ? 'utf8' : 'latin1')] as const;
  });
}

/** The text of the certificate's nsComment extension, if it has one. */
export function commentOf(certificateDer: Buffer): string | undefined {
  const extensionsField = tbsFields(certificateDer).find((field) => field.tag === 0xa3);
  if (!extensionsField) return undefined;
  const wanted = oid(NS_COMMENT).toString('hex');
  for (const extension of elements(only(extensionsField.content, 0x30).content)) {
    const [id, ...rest] = elements(extension.content);
    if (!id || tlv(id.tag, id.content).toString('hex') !== wanted) continue;
    const value = rest.at(-1);
    return value?.tag === 0x04 ? only(value.content, 0x16).content.toString('ascii') : undefined;
  }
  return undefined;
}
