// Verify one XML-DSig signature of a SAML response with xml-crypto against a *given* certificate,
// never the one in KeyInfo (an attacker can put any certificate there: faults.md
// "self-signed-cert-in-keyinfo"). The outcome separates "content changed after signing" (a
// reference digest fails, whatever the key) from "signed by another key" (digests fine, the
// signature value does not verify with this certificate).
import { XMLSerializer, type Element } from '@xmldom/xmldom';
import { SignedXml } from 'xml-crypto';

export type SignatureOutcome =
  | { readonly result: 'valid' }
  | { readonly result: 'digest-mismatch' }
  | { readonly result: 'wrong-key' }
  | { readonly result: 'duplicate-ids' }
  | { readonly result: 'unverifiable'; readonly why: string };

export function verifySignature(xml: string, signature: Element, certificatePem: string): SignatureOutcome {
  const verifier = new SignedXml({ publicCert: certificatePem, getCertFromKeyInfo: () => null });
  try {
    verifier.loadSignature(new XMLSerializer().serializeToString(signature));
    return verifier.checkSignature(xml) ? { result: 'valid' } : { result: 'digest-mismatch' };
  } catch (error) {
    return classify((error as Error).message);
  }
}

// xml-crypto reports failures as messages; some embed the SignatureValue, so only the category
// leaves this function, never the message itself.
function classify(message: string): SignatureOutcome {
  if (message.startsWith('invalid signature: the signature value')) return { result: 'wrong-key' };
  if (message.includes('calculated digest')) return { result: 'digest-mismatch' };
  if (message.includes('multiple elements with the same value')) return { result: 'duplicate-ids' };
  if (message.includes('could not find such element'))
    return { result: 'unverifiable', why: 'its Reference points at an element that is not in the document' };
  if (/algorithm/i.test(message)) return { result: 'unverifiable', why: 'it uses an algorithm or transform xml-crypto refuses' };
  return { result: 'unverifiable', why: 'xml-crypto could not process it (malformed SignedInfo)' };
}
