/**
 * The generated L1 converters' `Object.entries(result).reduce((r, i) => (i[1] === undefined) ?
 * r : ({ ...r, [i[0]]: i[1] }), {})`, in one pass: the same own properties in the same order,
 * without a new object per property (quadratic, and most of the garbage at a thousand clusters).
 * scripts/build.mjs substitutes it into the bundle; see there.
 */
export function dropUndefined(obj: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    if (value === undefined) continue;
    // A computed key in an object literal defines `__proto__` as a property; assignment would set the prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
    else out[key] = value;
  }
  return out;
}
