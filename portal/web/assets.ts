// The portal's one stylesheet, served from /assets so the Content-Security-Policy can forbid
// inline styles and scripts (the portal has no JavaScript at all).
export const STYLESHEET = `
:root { font-family: system-ui, sans-serif; color: #1b1f23; background: #f6f7f9; }
body { margin: 0; }
header.top { background: #0b3d91; color: #fff; padding: .6rem 1.2rem; display: flex; gap: 1.5rem; align-items: center; flex-wrap: wrap; }
header.top a, header.top button.link { color: #fff; }
header.top nav ul { list-style: none; display: flex; gap: 1rem; margin: 0; padding: 0; align-items: center; }
main { max-width: 60rem; margin: 1.5rem auto; background: #fff; padding: 1.2rem 2rem 2rem; border-radius: 6px; }
section { border-top: 1px solid #dde; margin-top: 1.5rem; padding-top: .5rem; }
label { display: block; font-weight: 600; margin-top: .8rem; }
label.inline { display: inline; font-weight: normal; margin: 0 1rem 0 .3rem; }
input[type=text], input[type=email], input[type=password], input[type=url], input[type=number], select, textarea { width: 100%; max-width: 40rem; padding: .35rem; box-sizing: border-box; }
textarea { min-height: 6rem; font-family: ui-monospace, monospace; }
input[readonly] { background: #f0f2f5; font-family: ui-monospace, monospace; }
fieldset { border: 1px solid #ccd; margin-top: 1rem; }
button { margin-top: 1rem; padding: .45rem 1rem; }
button.link { background: none; border: none; padding: 0; margin: 0; text-decoration: underline; cursor: pointer; font: inherit; }
button[role=switch][aria-checked=true] { background: #1a7f37; color: #fff; }
.hint { color: #555; font-size: .9rem; margin: .2rem 0; }
.field-error { color: #b00020; font-weight: 600; margin: .2rem 0; }
.notice { background: #e6f4ea; border: 1px solid #1a7f37; padding: .6rem 1rem; }
.warning { background: #fff4e5; border: 1px solid #b26a00; padding: .6rem 1rem; }
.error { background: #fdecea; border: 1px solid #b00020; padding: .6rem 1rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; border-bottom: 1px solid #dde; padding: .3rem .4rem; vertical-align: top; }
code { font-family: ui-monospace, monospace; overflow-wrap: anywhere; }
.table-scroll { overflow-x: auto; }
td code { white-space: nowrap; }
/* The IdP and SSO form shows only the fields of the protocol picked (no script needed). */
form:has(#protocol-saml:checked) .oidc-only, form:has(#protocol-oidc:checked) .saml-only { display: none; }
`;
