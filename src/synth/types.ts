// What synth produces and how it fails: shared by synth/ and argocd/ without
// importing synth/manifests.ts (which imports them: an import cycle).

export interface Manifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

export interface ComponentManifests {
  readonly target: string;
  readonly component: string;
  readonly objects: readonly Manifest[];
}

/** Construct-level validation failed: one line per problem. */
export class SynthError extends Error {
  constructor(public readonly lines: readonly string[]) {
    super(lines.join('\n'));
    this.name = 'SynthError';
  }
}
