import { DiffEntry, DiffGroup, TreeDiff } from './changes';
import { FULL_VALUE_CHARS, VALUE_CHARS, count, renderValue } from './values';

/** GitHub refuses comments over 65,536 characters; the PR comment adds its own header to this. */
export const MARKDOWN_BUDGET = 59_000;

export interface RenderOptions {
  /** Targets named per group before `... and N more`. @default 3 (all with `full`) */
  readonly targets?: number;
  /** Everything: all targets, long values, no budget (for `--output`). @default false */
  readonly full?: boolean;
  /** Most characters of the markdown (ignored with `full`). @default MARKDOWN_BUDGET */
  readonly budget?: number;
}

const SIGN = { added: '+', removed: '-', changed: '~' } as const;

function totalsLine(d: TreeDiff): string {
  const t = d.totals;
  const apps = `${count(t.applications)} application${t.applications === 1 ? '' : 's'}`;
  const entries = t.entries === t.added + t.removed + t.changed ? '' : `, in ${count(t.entries)} entr${t.entries === 1 ? 'y' : 'ies'}`;
  return `${apps}: ${count(t.added)} added, ${count(t.removed)} removed, ${count(t.changed)} changed${entries}`;
}

/** `on 997 of 1,000 targets: a, b, c, ... and 994 more`, or '' when not per target. */
function targetsLine(g: DiffGroup, shown: number, code: (s: string) => string): string {
  if (g.targets.length < 2) return '';
  const names = g.targets.slice(0, shown).map(code).join(', ');
  const more = g.targets.length > shown ? `, ... and ${count(g.targets.length - shown)} more` : '';
  return `on ${count(g.targets.length)} of ${count(Math.max(g.of, g.targets.length))} targets: ${names}${more}`;
}

function options(o: RenderOptions) {
  return { shown: o.full ? Infinity : (o.targets ?? 3), valueChars: o.full ? FULL_VALUE_CHARS : VALUE_CHARS };
}

export function renderText(d: TreeDiff, ref: string, o: RenderOptions = {}): string {
  if (d.groups.length === 0) return `no changes against ${ref}\n`;
  const { shown, valueChars } = options(o);
  const lines = [`changes against ${ref}, ${totalsLine(d)}`];
  for (const g of d.groups) {
    const on = targetsLine(g, shown, (s) => s);
    lines.push('', `${g.application} (${g.path})${on ? ` ${on}` : ''}`);
    for (const e of g.entries) {
      lines.push(`  ${SIGN[e.change]} ${e.object}`);
      for (const f of e.fields) lines.push(`      ${f.path}: ${renderValue(f.before, valueChars)} -> ${renderValue(f.after, valueChars)}`);
    }
  }
  return lines.join('\n') + '\n';
}

/** A code span holding `s` whatever backticks it contains (CommonMark: a longer fence, padded). */
export function code(s: string): string {
  const runs = s.match(/`+/g) ?? [];
  const fence = '`'.repeat(Math.max(0, ...runs.map((r) => r.length)) + 1);
  const pad = s.startsWith('`') || s.endsWith('`') || fence.length > 1 ? ' ' : '';
  return `${fence}${pad}${s}${pad}${fence}`;
}

/** Table cells hold no pipes or line breaks. */
function cell(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

const MAX_SUMMARY_ENTRIES = 3;

function summaryRow(g: DiffGroup): string {
  const targets = g.targets.length > 1 ? `${count(g.targets.length)} of ${count(Math.max(g.of, g.targets.length))}` : (g.targets[0] ?? '');
  const entries = g.entries.slice(0, MAX_SUMMARY_ENTRIES).map((e) => `${SIGN[e.change]} ${code(e.object)}${e.fields.length > 0 ? `: ${fieldNames(e)}` : ''}`);
  if (g.entries.length > MAX_SUMMARY_ENTRIES) entries.push(`and ${count(g.entries.length - MAX_SUMMARY_ENTRIES)} more`);
  return `| ${cell(code(g.application))} | ${cell(targets)} | ${cell(entries.join('<br>'))} |`;
}

function fieldNames(e: DiffEntry): string {
  const names = e.fields.slice(0, 4).map((f) => code(f.path));
  return names.join(', ') + (e.fields.length > 4 ? ` and ${count(e.fields.length - 4)} more` : '');
}

function detailBlock(g: DiffGroup, shown: number, valueChars: number): string {
  const lines = [`#### ${code(g.application)} (${code(g.path)})`];
  const on = targetsLine(g, shown, code);
  if (on) lines.push('', on);
  lines.push('');
  for (const e of g.entries) {
    lines.push(`- ${e.change} ${code(e.object)}`);
    for (const f of e.fields) lines.push(`  - ${code(f.path)}: ${code(renderValue(f.before, valueChars))} -> ${code(renderValue(f.after, valueChars))}`);
  }
  return lines.join('\n');
}

/**
 * Summary first (one table row per application or family of identical ones), then old and new
 * values folded in <details>; within `budget` characters, whatever the size of the change.
 */
export function renderMarkdown(d: TreeDiff, ref: string, o: RenderOptions = {}): string {
  if (d.groups.length === 0) return `No manifest changes against ${code(ref)}.\n`;
  const { shown, valueChars } = options(o);
  const budget = o.full ? Infinity : (o.budget ?? MARKDOWN_BUDGET);
  const omitted = (n: number, what: string) => `\n\n_${count(n)} more ${what} not shown here (size limit): the full diff is in the CI artifact, or run \`npm run diff -- ${ref}\`._\n`;
  // Reserved for the closing lines and the notes of what did not fit.
  const reserve = 600;
  let out = `### Manifest changes against ${code(ref)}\n\n${totalsLine(d)}\n\n| application | targets | changes |\n|---|---|---|`;
  let rows = 0;
  for (const g of d.groups) {
    const row = `\n${summaryRow(g)}`;
    if (out.length + row.length + reserve > budget / 2) break;
    out += row;
    rows++;
  }
  if (rows < d.groups.length) out += omitted(d.groups.length - rows, 'applications');
  out += '\n\n<details><summary>Old and new values</summary>\n';
  const close = '\n</details>\n';
  let blocks = 0;
  for (const g of d.groups) {
    const block = `\n${detailBlock(g, shown, valueChars)}\n`;
    if (out.length + block.length + close.length + reserve > budget) break;
    out += block;
    blocks++;
  }
  if (blocks < d.groups.length) out += omitted(d.groups.length - blocks, 'applications\' values');
  return out + close;
}
