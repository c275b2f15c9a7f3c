import { spawnSync } from 'node:child_process';
import { CFCT_SCHEMA_CHECK } from './external-judges';

/** Runs CfCT's own manifest checker (pykwalify + CfCT's build-stage rules) from ../shared/tools. */
export function cfctSchemaCheck(manifestPath: string, extraArgs: readonly string[] = ['--lint', '--check-files']): { status: number | null; output: string } {
  const result = spawnSync(CFCT_SCHEMA_CHECK, [...extraArgs, manifestPath], { encoding: 'utf8' });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Loads YAML with PyYAML's safe_load (YAML 1.1), as CfCT's build stage does, and returns it as JSON (dates as ISO strings). */
export function pyyamlLoad(path: string): unknown {
  const script = [
    'import json, sys, yaml, datetime',
    'def d(o):',
    '    if isinstance(o, (datetime.date, datetime.datetime)): return {"__date__": o.isoformat()}',
    '    raise TypeError(type(o))',
    'print(json.dumps(yaml.safe_load(open(sys.argv[1])), default=d))',
  ].join('\n');
  const result = spawnSync('/usr/bin/python3', ['-c', script, path], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`PyYAML failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** CfCT's build-stage extraction of referenced files: grep '_file:' | grep -v '^ *#' | tr -s ' ' | cut -d ' ' -f 3. */
export function cfctReferencedFiles(manifestPath: string): string[] {
  const result = spawnSync('bash', ['-c', `grep '_file:' "$1" | grep -v '^ *#' | tr -s ' ' | tr -d '\\r' | cut -d ' ' -f 3`, 'x', manifestPath], { encoding: 'utf8' });
  return result.stdout.split('\n').filter(Boolean);
}
