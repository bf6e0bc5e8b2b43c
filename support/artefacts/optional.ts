/** `{ key: value }` when the value is present, `{}` otherwise: optional fields stay truly absent in JSON. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
