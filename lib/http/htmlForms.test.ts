import { describe, expect, it } from 'vitest';
import {
  attributeValues,
  attributesOf,
  decodeEntities,
  formWithButton,
  formWithLabel,
  inputNameFor,
  parseForms,
  submission,
  visibleText,
} from './htmlForms.ts';

// Shapes taken from the pages the harness drives: an IdP two-step sign-in, the Google account
// chooser, the SAML auto-POST form, and the portal's SSO form (select, radios, checkboxes, textarea).
const IDP_PAGE = `<h1>Sign in</h1><form method="post" action="/t/saml2/login?x=1&amp;y=2"><input type="hidden" name="p" value="a&quot;b">
<label for="login">Email, phone, or Skype</label><input id="login" name="loginfmt" type="email" required>
<button type="submit">Next</button></form>`;
const CHOOSER = `<ul aria-label="Accounts"><li><form method="post" action="/login"><input type="hidden" name="login" value="bob@corp.example"><button type="submit">Bob User bob@corp.example</button></form></li>
<li><form method="post" action="/login"><button type="submit" name="use_another" value="1">Use another account</button></form></li></ul>`;
const AUTO_POST = `<form method="post" action="http://127.0.0.1:9/sso/1/saml/acs" id="saml-post"><input type="hidden" name="SAMLResponse" value="PHNhbWw+"><input type="hidden" name="RelayState" value="/home"><button type="submit">Continue</button></form><script>document.forms[0].submit()</script>`;
const PORTAL_FORM = `<form method="post" novalidate action="/account/sso" enctype="multipart/form-data"><input type="hidden" name="_csrf" value="tok">
<input type="radio" id="p1" name="protocol" value="saml" checked><label for="p1">SAML 2.0</label><input type="radio" id="p2" name="protocol" value="oidc"><label for="p2">OpenID Connect (OIDC)</label>
<label for="vendor">Vendor preset</label><select id="vendor" name="vendor"><option value="entra">Microsoft Entra ID</option><option value="okta" selected>Okta</option></select>
<label for="cert">IdP signing certificate</label><textarea id="cert" name="idpCertificate">-----BEGIN &amp; END-----</textarea>
<input type="checkbox" id="rsa" name="requireSignedAssertion" checked><input type="checkbox" id="rsr" name="requireSignedResponse">
<label for="secret">Client secret</label><input id="secret" name="clientSecret" type="password" value="">
<input id="file" name="metadataFile" type="file">
<button type="submit">Save SSO configuration</button></form>`;

describe('parseForms', () => {
  it('reads action, method, hidden values (entities decoded), labels and buttons', () => {
    const [form] = parseForms(IDP_PAGE);
    expect(form).toEqual({
      action: '/t/saml2/login?x=1&y=2',
      method: 'post',
      values: new Map([['p', 'a"b']]),
      labels: new Map([['Email, phone, or Skype', 'loginfmt']]),
      buttons: [{ text: 'Next' }],
    });
  });

  it('keeps checked radios and boxes, the selected option, text areas and empty values; skips files', () => {
    const [form] = parseForms(PORTAL_FORM);
    expect(Object.fromEntries(form?.values ?? [])).toEqual({
      _csrf: 'tok',
      protocol: 'saml',
      vendor: 'okta',
      idpCertificate: '-----BEGIN & END-----',
      requireSignedAssertion: 'on',
      clientSecret: '',
    });
    expect(form && inputNameFor(form, 'vendor preset')).toBe('vendor');
  });

  it('finds the chooser entry by the email at the end of its button, and named buttons send their value', () => {
    const forms = parseForms(CHOOSER);
    expect(formWithButton(forms, /(^|\s)bob@corp\.example$/i)?.form.values.get('login')).toBe('bob@corp.example');
    const another = formWithButton(forms, 'use another account');
    expect(another && submission(another.form, another.button)).toEqual({ use_another: '1' });
  });

  it('finds forms by label, and returns undefined when nothing matches', () => {
    const forms = parseForms(IDP_PAGE);
    expect(formWithLabel(forms, 'email, phone, or skype')?.action).toBe('/t/saml2/login?x=1&y=2');
    expect(formWithLabel(forms, 'Password')).toBeUndefined();
    expect(formWithButton(forms, 'Sign in')).toBeUndefined();
  });

  it('fills typed values over the form values', () => {
    const [form] = parseForms(AUTO_POST);
    expect(form && submission(form, undefined, { RelayState: '/x' })).toEqual({ SAMLResponse: 'PHNhbWw+', RelayState: '/x' });
  });
});

describe('text helpers', () => {
  it.each([
    ['&amp;&lt;&gt;&quot;&#39;', '&<>"\''],
    ['&#x41;&#66;', 'AB'],
    ['&unknown; stays', '&unknown; stays'],
  ])('decodeEntities(%s)', (input, output) => {
    expect(decodeEntities(input)).toBe(output);
  });

  it('reads unquoted, single- and double-quoted attributes, first one wins', () => {
    expect(Object.fromEntries(attributesOf(`input a=1 b='two' c="3" a="again" disabled`))).toEqual({
      input: '',
      a: '1',
      b: 'two',
      c: '3',
      disabled: '',
    });
  });

  it('lists attribute values and visible text', () => {
    const page = '<p>Reason code: <code data-reason="saml-replay">saml-replay</code></p><script>var x = "<b>";</script><style>p{}</style>';
    expect(attributeValues(page, 'code', 'data-reason')).toEqual(['saml-replay']);
    expect(visibleText(page)).toBe('Reason code: saml-replay');
  });
});
