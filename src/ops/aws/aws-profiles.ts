import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Whether a named profile is defined in the shared AWS config or credentials file: `[profile NAME]`
 * (or `[default]`) in the config file, `[NAME]` in the credentials file, at AWS_CONFIG_FILE and
 * AWS_SHARED_CREDENTIALS_FILE when set (https://docs.aws.amazon.com/sdkref/latest/guide/file-format.html,
 * read 2026-12-08). Asked only after the SDK failed to find credentials, to tell "no such profile"
 * from "the profile's credentials do not work".
 */
export function profileDefined(name: string, env: NodeJS.ProcessEnv = process.env): boolean {
  const sections = (file: string): string[] => {
    try {
      return [...readFileSync(file, 'utf8').matchAll(/^\s*\[\s*([^\]]+?)\s*\]\s*$/gm)].map((m) => m[1].replace(/\s+/g, ' '));
    } catch {
      return [];
    }
  };
  const config = sections(env.AWS_CONFIG_FILE ?? join(homedir(), '.aws', 'config'));
  const credentials = sections(env.AWS_SHARED_CREDENTIALS_FILE ?? join(homedir(), '.aws', 'credentials'));
  return config.includes(`profile ${name}`) || (name === 'default' && config.includes('default')) || credentials.includes(name);
}
