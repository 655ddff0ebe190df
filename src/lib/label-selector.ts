/** A `matchLabels` selector: every pair must be present. Empty selects everything. */
export type MatchLabels = Readonly<Record<string, string>>;

/** Whether `labels` satisfy `selector` (Kubernetes `matchLabels` semantics). */
export function matchesLabels(selector: MatchLabels, labels: Readonly<Record<string, string>> | undefined): boolean {
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** `k=v,k2=v2`, in key order, for messages. */
export function formatSelector(selector: MatchLabels): string {
  return Object.entries(selector)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
