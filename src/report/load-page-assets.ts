import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors';

/** The code and styles inlined into every report, read once per process. */
export interface PageAssets {
  /** gridjs (https://gridjs.io): the account and credential grids: sorting, paging, a real `<table>`. */
  readonly gridJs: string;
  readonly gridCss: string;
  /** uPlot (https://github.com/leeoniya/uPlot): the root-activity chart, drawn on a canvas. */
  readonly chartJs: string;
  readonly chartCss: string;
  /** The page's own script and styles (src/report/page/). */
  readonly pageJs: string;
  readonly pageCss: string;
}

let cached: PageAssets | undefined;

/**
 * Reads the libraries' distributed files from node_modules (runtime dependencies) and the page's own
 * files from the package: the report is written without network access, and opened without it.
 */
export function loadPageAssets(): PageAssets {
  if (cached) return cached;
  const gridDist = dirname(resolvePackage('gridjs'));
  const chartDist = dirname(resolvePackage('uplot'));
  const page = join(findPackageRoot(), 'src', 'report', 'page');
  cached = {
    gridJs: readAsset(join(gridDist, 'gridjs.umd.js')),
    gridCss: readAsset(join(gridDist, 'theme', 'mermaid.min.css')),
    chartJs: readAsset(join(chartDist, 'uPlot.iife.min.js')),
    chartCss: readAsset(join(chartDist, 'uPlot.min.css')),
    pageJs: readAsset(join(page, 'report-page.js')),
    pageCss: readAsset(join(page, 'report-page.css')),
  };
  return cached;
}

function resolvePackage(name: string): string {
  try {
    // The package's main entry: both libraries ship their browser builds beside it in dist/.
    return require.resolve(name);
  } catch {
    throw new UserError(`report: the package "${name}" is not installed (run \`npm ci\` in root-guard's directory)`);
  }
}

/** root-guard's own directory: from src/report (ts) or dist/ (the bundle), the first package.json up. */
function findPackageRoot(): string {
  let dir = __dirname;
  for (;;) {
    if (existsSync(join(dir, 'package.json')) && existsSync(join(dir, 'src', 'report', 'page'))) return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new UserError(`report: cannot find src/report/page/ above ${__dirname} (run root-guard from its repository)`);
    dir = parent;
  }
}

function readAsset(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`${file}: cannot read a file the report inlines (${(err as NodeJS.ErrnoException).code ?? String(err)}; run \`npm ci\`)`);
  }
}
