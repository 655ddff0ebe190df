/** Where the shipped environments live, relative to the working folder: one `<name>.yaml` each. */
export const ENVIRONMENTS_DIR = 'environments';
