const UNIT_NS: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  '\u00b5s': 1_000n, // µs (micro sign)
  '\u03bcs': 1_000n, // μs (Greek mu)
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
// Escaped: one character outside Latin-1 in the bundle makes V8 keep the whole bundle source as
// two-byte text in the start-up snapshot (+1.8 MB).
const ELEMENT = /([0-9]*)(?:\.([0-9]*))?(ns|us|\u00b5s|\u03bcs|ms|s|m|h)/y;
const MAX_INT64 = (1n << 63n) - 1n;
/** Far longer than any sensible duration ("2562047h47m16.854775807s" is the largest Go has). */
export const MAX_GO_DURATION_LENGTH = 64;

/**
 * A duration as Go's time.ParseDuration reads it (golang/go src/time/format.go): an optional sign,
 * then decimal numbers each with a unit (ns, us, µs, ms, s, m, h), or "0"; in nanoseconds, or
 * undefined when Go would refuse it (including overflow of int64 nanoseconds).
 */
export function parseGoDuration(value: string): bigint | undefined {
  if (value.length === 0 || value.length > MAX_GO_DURATION_LENGTH) return undefined;
  let s = value;
  let sign = 1n;
  if (s[0] === '-' || s[0] === '+') {
    if (s[0] === '-') sign = -1n;
    s = s.slice(1);
  }
  if (s === '0') return 0n;
  if (s === '') return undefined;
  let total = 0n;
  ELEMENT.lastIndex = 0;
  while (ELEMENT.lastIndex < s.length) {
    const at = ELEMENT.lastIndex;
    const m = ELEMENT.exec(s);
    if (!m || m.index !== at) return undefined;
    const [, whole, fraction = '', unit] = m;
    if (whole === '' && fraction === '') return undefined;
    const scale = UNIT_NS[unit];
    total += BigInt(whole || '0') * scale;
    if (fraction !== '') total += (BigInt(fraction) * scale) / 10n ** BigInt(fraction.length);
    if (total > MAX_INT64 + (sign < 0n ? 1n : 0n)) return undefined;
    // A unit runs up to the next digit or '.': "5sx" has the unknown unit "sx".
    if (ELEMENT.lastIndex < s.length && !/[0-9.]/.test(s[ELEMENT.lastIndex])) return undefined;
  }
  return sign * total;
}
