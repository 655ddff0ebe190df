import type { EnvironmentInput } from '../config';
import { dev } from './dev';
import { prod } from './prod';
import { successor } from './successor';

/** The environments `npm run synth` writes into dist/, by name. */
export const ENVIRONMENTS: Readonly<Record<string, EnvironmentInput>> = { dev, prod, successor };
