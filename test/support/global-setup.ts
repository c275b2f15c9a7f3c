import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import checkExternalJudges from './judges-global-setup';

/**
 * jest globalSetup, once per run before any test file:
 * - re-bundles the CLI (`dist/root-guard.js`, scripts/bundle.js, ~0.3 CPU-seconds), so the tests
 *   that start `bin/root-guard.js` as a process run today's sources, not the bundle of the last
 *   `npm ci`;
 * - checks the external judges (judges-global-setup.ts).
 */
export default function globalSetup(): void {
  execFileSync(process.execPath, [join(__dirname, '..', '..', 'scripts', 'bundle.js')], { stdio: 'inherit' });
  checkExternalJudges();
}
