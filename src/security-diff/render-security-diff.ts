import type { SecurityChange } from './change';

const SIGN: Readonly<Record<SecurityChange['kind'], string>> = { added: '[+]', removed: '[-]', changed: '[~]' };
const MARK: Readonly<Record<SecurityChange['effect'], string>> = { weakens: '! WEAKENS', strengthens: '  strengthens', review: '  review' };

/**
 * The summary as `root-guard build` prints it: weakening changes first, each marked `! WEAKENS`, then
 * those to review, then the rest; one line each, as `cdk diff` lists IAM statement changes.
 */
export function renderSecurityDiff(changes: readonly SecurityChange[]): string[] {
  if (changes.length === 0) return ['Security review: no change to what is denied, watched or alerted on.'];
  const order: SecurityChange['effect'][] = ['weakens', 'review', 'strengthens'];
  const sorted = [...changes].sort((x, y) => order.indexOf(x.effect) - order.indexOf(y.effect));
  const weakening = changes.filter((c) => c.effect === 'weakens').length;
  const review = changes.filter((c) => c.effect === 'review').length;
  return [
    `Security review: ${changes.length} change(s) against the committed package, ${weakening} weakening, ${review} to review:`,
    ...sorted.map((c) => `  ${MARK[c.effect]} ${SIGN[c.kind]} ${c.subject}: ${c.detail}`),
  ];
}
