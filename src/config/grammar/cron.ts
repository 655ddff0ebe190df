import { parseGoDuration } from './go-duration';

/** Our bound: five fields of lists fit easily. */
export const MAX_CRON_LENGTH = 256;

interface Field {
  readonly name: string;
  readonly min: number;
  readonly max: number;
  readonly names?: Readonly<Record<string, number>>;
}

const MONTHS = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: readonly Field[] = [
  { name: 'minute', min: 0, max: 59 },
  { name: 'hour', min: 0, max: 23 },
  { name: 'day of month', min: 1, max: 31 },
  { name: 'month', min: 1, max: 12, names: MONTHS },
  // robfig/cron: 0-6 only (7 is not Sunday there).
  { name: 'day of week', min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS = new Set(['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@midnight', '@hourly']);
const EVERY = '@every ';

/**
 * Why `schedule` is not a schedule a Kubernetes CronJob accepts, or undefined. Kubernetes
 * validates spec.schedule with robfig/cron v3 ParseStandard (kubernetes pkg/apis/batch/validation
 * validateScheduleFormat), and refuses any "TZ" in it on new objects ("use timeZone field
 * instead"). ParseStandard (robfig/cron@v3.0.1 parser.go) takes five fields (minute hour
 * day-of-month month day-of-week) of `*`, `?`, numbers, jan-dec / sun-sat names, ranges a-b,
 * steps /n and lists, or a descriptor: @yearly @annually @monthly @weekly @daily @midnight
 * @hourly, `@every <Go duration>`. Quartz and Jenkins forms (L, W, #, H) and a seconds field are
 * refused. Stricter than robfig on purpose: empty list items ("1,,2"), signs ("+5"), "*-5",
 * and a zero or negative @every, which robfig accepts and reads as something else.
 */
export function cronScheduleProblem(schedule: string): string | undefined {
  if (schedule.length > MAX_CRON_LENGTH) return `must be at most ${MAX_CRON_LENGTH} characters, got ${schedule.length}`;
  if (schedule.includes('TZ')) return 'must not set TZ= or CRON_TZ=: Kubernetes refuses a time zone in a CronJob schedule';
  if (schedule.startsWith('@')) {
    if (DESCRIPTORS.has(schedule)) return undefined;
    if (schedule.startsWith(EVERY)) {
      const ns = parseGoDuration(schedule.slice(EVERY.length));
      if (ns === undefined) return `@every needs a Go duration such as 30m or 1h30m`;
      return ns > 0n ? undefined : '@every needs a positive duration';
    }
    return `unknown descriptor: use one of ${[...DESCRIPTORS].join(' ')} or @every <duration>`;
  }
  if (/[^ \t0-9A-Za-z*?,/-]/.test(schedule)) {
    return 'may hold only digits, month and weekday names, * ? , / - and spaces (no L, W, # or H forms: Kubernetes refuses them)';
  }
  const fields = schedule.trim().split(/[ \t]+/);
  if (fields.length !== 5) return `must have exactly 5 fields (minute hour day-of-month month day-of-week), found ${schedule.trim() === '' ? 0 : fields.length}`;
  for (let i = 0; i < 5; i++) {
    const problem = fieldProblem(fields[i], FIELDS[i]);
    if (problem) return `${FIELDS[i].name} field: ${problem}`;
  }
  return undefined;
}

function fieldProblem(field: string, f: Field): string | undefined {
  for (const expr of field.split(',')) {
    if (expr === '') return 'empty list item';
    const problem = rangeProblem(expr, f);
    if (problem) return problem;
  }
  return undefined;
}

function rangeProblem(expr: string, f: Field): string | undefined {
  const rangeAndStep = expr.split('/');
  if (rangeAndStep.length > 2) return `too many slashes in ${JSON.stringify(expr)}`;
  const [range, stepText] = rangeAndStep;
  const lowHigh = range.split('-');
  let start: number;
  let end: number;
  if (range === '*' || range === '?') {
    start = f.min;
    end = f.max;
  } else {
    if (lowHigh.length > 2) return `too many hyphens in ${JSON.stringify(expr)}`;
    const low = value(lowHigh[0], f);
    if (typeof low === 'string') return low;
    start = low;
    end = low;
    if (lowHigh.length === 2) {
      const high = value(lowHigh[1], f);
      if (typeof high === 'string') return high;
      end = high;
    }
  }
  if (stepText !== undefined) {
    if (!/^[0-9]{1,9}$/.test(stepText)) return `step ${JSON.stringify(stepText)} is not a number`;
    if (Number(stepText) === 0) return 'step must be a positive number';
    // "N/step" means N-max/step.
    if (lowHigh.length === 1) end = f.max;
  }
  if (start < f.min) return `${start} is below the minimum ${f.min}`;
  if (end > f.max) return `${end} is above the maximum ${f.max}`;
  if (start > end) return `range ${JSON.stringify(range)} starts after it ends`;
  return undefined;
}

function value(text: string, f: Field): number | string {
  const named = f.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (/^[0-9]{1,9}$/.test(text)) return Number(text);
  return `${JSON.stringify(text.slice(0, 16))} is not a number${f.names ? ' or name' : ''} (Kubernetes accepts no L, W, # or H forms)`;
}
