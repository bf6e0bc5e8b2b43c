// Typed reads of node:sqlite rows (which are Record<string, SQLOutputValue>): a schema drift
// fails loudly here instead of leaking `unknown` through the portal.
import type { SQLOutputValue } from 'node:sqlite';

export type Row = Record<string, SQLOutputValue>;

export function num(row: Row, column: string): number {
  const value = row[column];
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  throw new TypeError(`Column ${column} is not a number (got ${typeof value}).`);
}

export function optNum(row: Row, column: string): number | undefined {
  return row[column] === null || row[column] === undefined ? undefined : num(row, column);
}

export function str(row: Row, column: string): string {
  const value = row[column];
  if (typeof value === 'string') return value;
  throw new TypeError(`Column ${column} is not text (got ${typeof value}).`);
}

export function optStr(row: Row, column: string): string | undefined {
  return row[column] === null || row[column] === undefined ? undefined : str(row, column);
}

export function bool(row: Row, column: string): boolean {
  return num(row, column) !== 0;
}
