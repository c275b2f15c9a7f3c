/**
 * The names of the files root-guard reads beside the package, alone in a module without dependencies:
 * the commands' option defaults and help name them before anything is loaded (src/cli/definitions/).
 */

/** The default config file name, at the repository root. */
export const DEFAULT_CONFIG_FILE = 'root-guard.config.yaml';

/** The file's name; it lives beside the config file and is committed with it. */
export const OU_RESOLUTION_FILE = 'root-guard.ous.yaml';
