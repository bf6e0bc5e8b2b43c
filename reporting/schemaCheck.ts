// Checks a value against the subset of JSON Schema (2020-12) that the certification report's
// schema uses: type, const, enum, required, properties, additionalProperties: false, items and
// local $ref. Enough to keep reporting/report/certification.schema.json and the reports written
// by the code in step, without a validator dependency.

export type Schema = Readonly<Record<string, unknown>>;

function typeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  return typeof value;
}

/** Problems found, each as `path: what is wrong`; empty when the value conforms. */
export function schemaProblems(value: unknown, schema: Schema, root: Schema = schema, path = '$'): string[] {
  if (typeof schema.$ref === 'string') {
    const target = schema.$ref
      .replace(/^#\//, '')
      .split('/')
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], root);
    if (!target) return [`${path}: unresolved $ref ${schema.$ref}`];
    return schemaProblems(value, target as Schema, root, path);
  }
  const problems: string[] = [];
  if ('const' in schema && value !== schema.const) problems.push(`${path}: must be ${JSON.stringify(schema.const)}`);
  if (Array.isArray(schema.enum) && !schema.enum.includes(value))
    problems.push(`${path}: ${JSON.stringify(value)} is not one of ${JSON.stringify(schema.enum)}`);
  if (typeof schema.type === 'string') {
    const actual = typeOf(value);
    if (actual !== schema.type && !(schema.type === 'number' && actual === 'integer'))
      return [...problems, `${path}: must be ${schema.type}, is ${actual}`];
  }
  if (typeOf(value) === 'object') {
    const object = value as Record<string, unknown>;
    const properties = (schema.properties ?? {}) as Record<string, Schema>;
    for (const key of (schema.required ?? []) as string[]) if (!(key in object)) problems.push(`${path}: missing required "${key}"`);
    for (const [key, child] of Object.entries(object)) {
      if (properties[key]) problems.push(...schemaProblems(child, properties[key], root, `${path}.${key}`));
      else if (schema.additionalProperties === false) problems.push(`${path}: "${key}" is not in the schema`);
    }
  }
  if (Array.isArray(value) && schema.items)
    value.forEach((item, index) => problems.push(...schemaProblems(item, schema.items as Schema, root, `${path}[${index}]`)));
  return problems;
}
