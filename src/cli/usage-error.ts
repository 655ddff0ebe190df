/** A usage mistake: printed with the usage text, exit 2. */
export class UsageError extends Error {}
