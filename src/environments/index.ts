import type { EnvironmentInput } from '../config';
import { dev } from './dev';
import { prod } from './prod';

/** The environments `npm run synth` writes into dist/, by name. */
export const ENVIRONMENTS: Readonly<Record<string, EnvironmentInput>> = { dev, prod };
