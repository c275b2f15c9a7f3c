/**
 * Output helpers shared by the CLI commands: readable tables by default (src/render/, shared with the
 * engine's reports), `--json` for CI, and progress on stderr only when stderr is a terminal (so CI
 * logs and pipes stay clean).
 */
export { renderTable } from '../render/text-table';
export { outputWidth, renderFittedTable, wrapText } from '../render/fit-width';

/** Pretty JSON with a trailing newline, as every `--json` output prints it. */
export function renderJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** A progress line on stderr, rewritten in place; silent when stderr is not a terminal. */
export interface Progress {
  update(done: number, total?: number, label?: string): void;
  done(): void;
}

/** Creates a progress reporter; `enabled` defaults to whether stderr is a TTY. */
export function createProgress(title: string, enabled: boolean = Boolean(process.stderr.isTTY)): Progress {
  let last = 0;
  let shown = false;
  return {
    update(done, total, label) {
      if (!enabled) return;
      const now = Date.now();
      if (now - last < 100 && (total === undefined || done < total)) return; // at most 10 redraws a second
      last = now;
      shown = true;
      const count = total === undefined ? `${done}` : `${done}/${total}`;
      process.stderr.write(`\r\x1b[2K${title}: ${count}${label ? ` ${label}` : ''}`);
    },
    done() {
      if (enabled && shown) process.stderr.write('\r\x1b[2K');
    },
  };
}
