// The package ships no types: validate() resolves true or rejects with ERR_EXCEPTION_VALIDATE_XML.
declare module '@authenio/samlify-xmllint-wasm' {
  export function validate(xml: string): Promise<true>;
}
