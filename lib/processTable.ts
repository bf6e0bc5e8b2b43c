// The machine's processes, read from /proc (Linux): pid, parent pid and the fields of
// /proc/<pid>/stat after the command name (field 1 of that list is the parent pid; 11–14 are
// utime, stime, cutime, cstime). Used to find what a command started and what it costs.
import { readdirSync, readFileSync } from 'node:fs';

export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  /** /proc/<pid>/stat after "(comm) ", split on spaces: [0] state, [1] ppid, … */
  readonly fields: readonly string[];
}

export function processTable(): ProcessEntry[] {
  const out: ProcessEntry[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
    } catch {
      continue; // the process ended while we looked
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    out.push({ pid: Number(entry), ppid: Number(fields[1]), fields });
  }
  return out;
}
