/** Labels every object carries, so users can select by component and ownership. */
export const PART_OF = 'pipeline-service';
export const MANAGED_BY = 'pipeline-service-manifests';

export function standardLabels(component: string): Record<string, string> {
  return {
    'app.kubernetes.io/name': component,
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': MANAGED_BY,
  };
}
