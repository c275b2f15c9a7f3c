import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { main } from '../../src/cli/main';
import { REPO_ROOT } from './config';
import { assertCallsWithinPolicy } from './iam-check';
import { recordSdkCalls } from './sdk-call-recorder';

/** Runs the CLI in-process and captures what it prints. */
export async function runCli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += chunk.toString();
    return true;
  });
  const previousExitCode = process.exitCode;
  process.exitCode = undefined;
  try {
    const { result: code, calls } = await recordSdkCalls(() => main(args));
    // Every call the command sent must be in its IAM policy (iam/, src/iam/command-calls.ts).
    assertCallsWithinPolicy(args, calls);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = previousExitCode;
  }
}

/** What a CLI process printed, its exit code, and how long it ran. */
export interface CliProcessResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly elapsedMs: number;
}

/**
 * Runs `bin/root-guard.js` as its own process (bundled by test/support/global-setup.ts from today's
 * sources), with this process's environment plus `env`. Unlike {@link runCli}, several can run at
 * once: tests that mostly wait (timeouts) run side by side instead of one after another.
 */
export function spawnCli(args: readonly string[], env: Readonly<Record<string, string>> = {}): Promise<CliProcessResult> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(REPO_ROOT, 'bin', 'root-guard.js'), ...args], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => { stdout += chunk; });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr, elapsedMs: Date.now() - started }));
  });
}

/**
 * Runs a command's function directly (tests that pass a fake clock or client factory) with the same
 * check as {@link runCli}: every SDK call it sends must be in the IAM policy of `args`' command.
 */
export async function runWithinPolicy<T>(args: readonly string[], run: () => Promise<T>): Promise<T> {
  const { result, calls } = await recordSdkCalls(run);
  assertCallsWithinPolicy(args, calls);
  return result;
}
