// The DER of a minimal self-signed X.509 v3 test certificate (RFC 5280 §4.1): just enough ASN.1
// for the fields lib/x509.ts writes — the same fields node-forge wrote before: serial, RSA-SHA256,
// CN + O name, validity, SPKI, basicConstraints (not a CA) and keyUsage digitalSignature.

export interface CertificateFields {
  readonly serial: Buffer;
  readonly commonName: string;
  readonly organization: string;
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

function name(commonName: string, organization: string): Buffer {
  return sequence(
    set(sequence(oid('2.5.4.3'), directoryString(commonName))),
    set(sequence(oid('2.5.4.10'), directoryString(organization))),
  );
}

function extensions(): Buffer {
  // basicConstraints: an empty SEQUENCE (cA DEFAULT FALSE is omitted in DER); keyUsage: digitalSignature (bit 0).
  const basicConstraints = sequence(oid('2.5.29.19'), tlv(0x04, sequence()));
  const keyUsage = sequence(oid('2.5.29.15'), tlv(0x04, tlv(0x03, Buffer.from([0x07, 0x80]))));
  return tlv(0xa3, sequence(basicConstraints, keyUsage));
}

/** TBSCertificate of a self-signed certificate (issuer = subject). */
export function tbsCertificate(fields: CertificateFields): Buffer {
  const subject = name(fields.commonName, fields.organization);
  return sequence(
    tlv(0xa0, tlv(0x02, Buffer.from([0x02]))),
    unsignedInteger(fields.serial),
    SHA256_WITH_RSA,
    subject,
    sequence(time(fields.notBefore), time(fields.notAfter)),
    subject,
    fields.subjectPublicKeyInfo,
    extensions(),
  );
}

/** Certificate = TBSCertificate, signatureAlgorithm, signatureValue (a BIT STRING with no unused bits). */
export function signedCertificate(tbs: Buffer, signature: Buffer): Buffer {
  return sequence(tbs, SHA256_WITH_RSA, tlv(0x03, Buffer.from([0x00]), signature));
}
