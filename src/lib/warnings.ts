import { IConstruct } from 'constructs';

const WARNING = 'pipeline-service:warning';

/** Records a synth-time warning on a construct; the CLI prints all of them after synthesis. */
export function addWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(WARNING, message);
}

/** Every warning under `root`, in construct order, as `<path>: <message>`. */
export function collectWarnings(root: IConstruct): string[] {
  const out: string[] = [];
  for (const c of root.node.findAll()) {
    for (const entry of c.node.metadata) {
      if (entry.type === WARNING) out.push(`${c.node.path}: ${entry.data}`);
    }
  }
  return out;
}
