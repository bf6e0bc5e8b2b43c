// HTML escaping, once: every page and report the project writes (the reference portal's pages, the
// mock IdPs' pages, the certification report, the pages the suites serve) escapes text the same way.

const ESCAPES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text (or a number; undefined as empty) safe in element content and in quoted attribute values. */
export function escapeHtml(value: string | number | undefined): string {
  return String(value ?? '').replace(/[&<>"']/g, (char) => ESCAPES[char] ?? char);
}
