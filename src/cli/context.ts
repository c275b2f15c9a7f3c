import { loadConfig } from '../config/load';
import { loadOuResolution, type OuResolution } from '../config/ou-resolution';
import type { RootGuardConfig } from '../config/schema';
import { type ClientSettings, clientSettings, createAwsClient } from '../ops/aws/aws-clients';
import type { AwsOptions } from './aws-options';
import { noteConfigFile } from './json-output';

export type { AwsOptions } from './aws-options';

/**
 * The one set-up every AWS command shares: the config (and the recorded OU resolution), and AWS
 * clients built one way — standard credential chain or `--profile`, the home region or `--region`,
 * bounded connection and request timeouts (`--request-timeout`), and a timed-out call reported as one
 * line naming the service, the endpoint and the timeout (ops/aws/aws-timeouts.ts).
 */

/** Makes AWS clients with the shared settings; every client it made is destroyed by `destroy()`. */
export interface ClientFactory {
  /** The settings clients get (region, retries, timeouts, profile). */
  readonly settings: ClientSettings & { readonly profile?: string };
  /** A client of `Client`, with `overrides` (e.g. another profile) on top of the shared settings. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- any SDK v3 client
  create<T extends { readonly middlewareStack: any; destroy(): void }>(Client: new (config: ClientSettings & { profile?: string }) => T, overrides?: { profile?: string }): T;
  /** Closes the sockets of every client made. */
  destroy(): void;
}

/** A client factory for `region` and the AWS options. */
export function createClientFactory(region: string | undefined, options: AwsOptions = {}): ClientFactory {
  const settings = {
    ...clientSettings(options.region ?? region, options.requestTimeout ? { requestTimeoutMs: options.requestTimeout * 1000 } : {}),
    ...(options.profile ? { profile: options.profile } : {}),
  };
  const made: { destroy(): void }[] = [];
  return {
    settings,
    create(Client, overrides = {}) {
      const client = createAwsClient(Client, settings, { ...(settings.profile ? { profile: settings.profile } : {}), ...(overrides.profile ? { profile: overrides.profile } : {}) });
      made.push(client);
      return client;
    },
    destroy() {
      for (const client of made.splice(0)) client.destroy();
    },
  };
}

/** What an AWS command works with. */
export interface CommandContext {
  /** The config file, as loaded. */
  readonly file: string;
  readonly config: RootGuardConfig;
  /** The Region the clients use: --region, else the config's homeRegion. */
  readonly region: string;
  readonly clients: ClientFactory;
  /** The recorded OU resolution when the config needs one (rootChecks.includeNestedOUs), read on first use. */
  ouResolution(): OuResolution | undefined;
}

/** Loads the config named by `--config` and makes the client factory (home region unless --region). */
export function loadCommandContext(options: AwsOptions & { readonly config: string }): CommandContext {
  const { file, config, foundAbove } = loadConfig(options.config);
  noteConfigFile(file, config.managementAccountId, config.fastAlerts?.organizationId ?? config.logArchive?.organizationId);
  // On stderr: stdout may be --json.
  if (foundAbove) process.stderr.write(`Using ${file} (found above the current directory).\n`);
  const region = options.region ?? config.homeRegion;
  let resolution: { value: OuResolution | undefined } | undefined;
  return {
    file,
    config,
    region,
    clients: createClientFactory(region, options),
    ouResolution() {
      // Always read: besides the OU expansion it records the organization trail (docs/organization-trail.md).
      resolution ??= { value: loadOuResolution(file) };
      return resolution.value;
    },
  };
}
