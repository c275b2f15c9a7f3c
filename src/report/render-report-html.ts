import { createHash } from 'node:crypto';
import type { AuditData, CredentialsData, ActivityData, ReportData, SourceInfo } from './build-report-data';
import { RESULT_ORDER } from './build-report-data';
import type { PageAssets } from './load-page-assets';
import { KIND_SOURCE } from './read-report-input';

/** Marks a file as a report this command wrote: only such a file is replaced without --force. */
export const REPORT_GENERATOR_MARK = '<meta name="generator" content="root-guard report">';

/**
 * The whole report as one HTML document: styles, scripts and data inline. The Content-Security-
 * Policy allows no source at all (`default-src 'none'`) except the page's own inline scripts, by
 * hash, and inline styles: opening the file makes no network request, whatever the data holds.
 *
 * Everything that is a figure (summaries, org checks, OU counts, sources, what could not be read) is
 * written as HTML here, so it shows without script and prints as is; the grids and the chart are
 * drawn by the page script from the embedded data.
 */
export function renderReportHtml(data: ReportData, assets: PageAssets): string {
  // JSON inside <script type="application/json">: only "</script" could end it early; \u003c keeps any "<" out.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  const scripts = [assets.gridJs, assets.chartJs, assets.pageJs];
  const hashes = scripts.map((s) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`).join(' ');
  const csp = `default-src 'none'; script-src ${hashes}; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1">
${REPORT_GENERATOR_MARK}
<title>root-guard report, ${esc(data.produced.at)}</title>
<style>${assets.gridCss}</style>
<style>${assets.chartCss}</style>
<style>${assets.pageCss}</style>
</head>
<body>
<a class="skip" href="#main">Skip to the report</a>
<header>
<h1>root-guard report</h1>
${renderScope(data.sources)}
<p>Written ${esc(data.produced.at)} by root-guard ${esc(data.produced.version)}${data.produced.commit ? ` (commit ${esc(data.produced.commit)})` : ''}.</p>
<nav aria-label="Sections"><ul>
<li><a href="#about">Inputs and what could not be read</a></li>
<li><a href="#coverage">Coverage</a></li>
<li><a href="#credentials">Root credentials</a></li>
<li><a href="#activity">Root activity</a></li>
</ul></nav>
</header>
<main id="main" tabindex="-1">
${renderAbout(data)}
${data.audit ? renderCoverage(data.audit) : notGiven('coverage', 'Coverage by OU and account', 'audit')}
${data.credentials ? renderCredentials(data.credentials) : notGiven('credentials', 'Root credentials', 'root-credentials')}
${data.activity ? renderActivity(data.activity) : notGiven('activity', 'Root activity over time', 'activity')}
</main>
<script type="application/json" id="report-data">${json}</script>
${scripts.map((s) => `<script>${s}</script>`).join('\n')}
</body>
</html>
`;
}

function renderAbout(data: ReportData): string {
  const unread = [
    ...(data.audit?.unread ?? []).map((u) => ({ source: 'audit', ...u })),
    ...(data.credentials?.unread ?? []).map((u) => ({ source: 'root-credentials', ...u })),
  ];
  const problems = data.activity ? data.activity.problems.length + data.activity.problemsOmitted : 0;
  const credErrors = data.credentials?.accounts.filter((a) => a[8] !== '') ?? [];
  const missing = (Object.keys(KIND_SOURCE) as (keyof typeof KIND_SOURCE)[]).filter((k) => !data.sources.some((s) => s.kind === k));
  const items = [
    ...missing.map((k) => `<li>No ${k} input: the ${k} section is empty (give ${KIND_SOURCE[k].option} with the output of <code>${esc(KIND_SOURCE[k].command)}</code>).</li>`),
    ...unread.map((u) => `<li><strong>${esc(u.source)}</strong>: ${esc(u.target)}: <code>${esc(u.api)}</code>: ${esc(u.reason)}</li>`),
    ...(credErrors.length > 0 ? [`<li><strong>root-credentials</strong>: ${credErrors.length} account(s) could not be read completely (listed in the inventory with their error).</li>`] : []),
    ...(problems > 0 ? [`<li><strong>activity</strong>: ${problems} input problem(s) while reading CloudTrail:<ul>${data.activity!.problems.map((p) => `<li>${esc(p.path)}: ${esc(p.problem)}</li>`).join('')}${data.activity!.problemsOmitted > 0 ? `<li>… and ${data.activity!.problemsOmitted} more not listed</li>` : ''}</ul></li>`] : []),
  ];
  return `<section id="about" aria-labelledby="about-h">
<h2 id="about-h">Inputs and what could not be read</h2>
${renderSources(data.sources)}
<h3>What could not be read</h3>
${items.length === 0 ? '<p data-figure="unread-count">Nothing: every input was read completely.</p>' : `<ul class="unread" data-figure="unread-count" data-count="${unread.length}">${items.join('')}</ul>`}
</section>`;
}

/** The provenance fields, one row each, in the order an auditor asks. */
const SOURCE_FIELDS: readonly (readonly [keyof SourceInfo, string])[] = [
  ['file', 'File'],
  ['command', 'Command'],
  ['arguments', 'Arguments'],
  ['generatedAt', 'Produced'],
  ['exitCode', 'Exit code'],
  ['version', 'root-guard version'],
  ['commit', 'root-guard commit'],
  ['configFile', 'Config file'],
  ['configSha256', 'Config SHA-256'],
  ['organizationId', 'Organization'],
  ['managementAccountId', 'Management account'],
  ['callerAccount', 'Caller account'],
  ['callerArn', 'Caller'],
];

/**
 * Where each input came from: one column per input, one row per fact, so three inputs with long
 * digests and ARNs fit the page's width (a row per input needed 13 columns).
 */
function renderSources(sources: readonly SourceInfo[]): string {
  if (sources.length === 0) return '';
  const cell = (s: SourceInfo, key: keyof SourceInfo) => {
    const value = s[key];
    const cls = key === 'configSha256' || key === 'commit' || key === 'callerArn' || key === 'arguments' ? ' class="hash"' : '';
    return `<td${cls} data-source="${esc(s.kind)}.${key}">${esc(value)}</td>`;
  };
  return `<table class="static sources" id="sources"><caption>Where each input came from</caption>
<thead><tr><th scope="col">Fact</th>${sources.map((s) => `<th scope="col">${esc(s.kind)}</th>`).join('')}</tr></thead>
<tbody>${SOURCE_FIELDS.map(([key, label]) => `<tr><th scope="row">${esc(label)}</th>${sources.map((s) => cell(s, key)).join('')}</tr>`).join('')}</tbody></table>`;
}

/** The organization and management account the inputs name, once; every value when they disagree. */
function renderScope(sources: readonly SourceInfo[]): string {
  const known = (values: readonly string[]) => [...new Set(values.filter((v) => v !== 'unknown' && v !== 'not read'))];
  const orgs = known(sources.map((s) => s.organizationId));
  const mgmt = known(sources.map((s) => s.managementAccountId));
  const say = (values: readonly string[], what: string) => (values.length === 0 ? `${what} not recorded in the inputs` : values.length === 1 ? `${what} ${values[0]}` : `${what}s ${values.join(', ')} (the inputs disagree)`);
  const disagree = orgs.length > 1 || mgmt.length > 1;
  return `<p class="scope${disagree ? ' disagree' : ''}" data-figure="scope">${esc(say(orgs, 'Organization'))}; ${esc(say(mgmt, 'management account'))}.</p>`;
}

function notGiven(id: string, title: string, kind: keyof typeof KIND_SOURCE): string {
  return `<section id="${id}" aria-labelledby="${id}-h"><h2 id="${id}-h">${title}</h2><p class="not-given">Not in this report: no ${esc(KIND_SOURCE[kind].option)} input was given.</p></section>`;
}

const RESULT_LABEL: Record<string, string> = {
  uncovered: 'Uncovered', 'non-compliant': 'Non-compliant', unknown: 'Unknown (not read)', covered: 'Covered', 'not-targeted': 'Not targeted', inactive: 'Inactive',
};
const SUMMARY_KEY: Record<string, keyof AuditData['summary']> = {
  uncovered: 'uncovered', 'non-compliant': 'nonCompliant', unknown: 'unknown', covered: 'covered', 'not-targeted': 'notTargeted', inactive: 'inactive',
};

function renderCoverage(audit: AuditData): string {
  const s = audit.summary;
  const verdict = s.exitCode === 1 ? 'Gaps found' : s.exitCode === 3 ? 'No gap found, but the audit is partial' : 'Every account is covered';
  return `<section id="coverage" aria-labelledby="coverage-h">
<h2 id="coverage-h">Coverage by OU and account</h2>
<p class="verdict" data-figure="audit-verdict"><strong>${esc(verdict)}</strong> (audit exit code ${s.exitCode}).</p>
<dl class="figures">
${figure('audit.accounts', 'Accounts', s.accounts)}
${RESULT_ORDER.map((r) => figure(`audit.${SUMMARY_KEY[r]}`, RESULT_LABEL[r], s[SUMMARY_KEY[r]] as number, r)).join('\n')}
${figure('audit.orgGaps', 'Org-level gaps', s.orgGaps)}
</dl>
<table class="static"><caption>Organization-level checks</caption>
<thead><tr><th scope="col">Check</th><th scope="col">Status</th><th scope="col">Detail</th></tr></thead>
<tbody>${audit.orgChecks.map((c) => `<tr><th scope="row">${esc(c.label)}</th><td>${badge(c.status)}</td><td>${esc(c.detail)}</td></tr>`).join('')}</tbody></table>
${renderAcknowledgedGaps(audit.acknowledgedGaps)}
<table class="static ous" id="ou-table"><caption>Accounts by OU (choose an OU to list its accounts below)</caption>
<thead><tr><th scope="col">OU</th><th scope="col">Accounts</th>${RESULT_ORDER.map((r) => `<th scope="col">${RESULT_LABEL[r]}</th>`).join('')}</tr></thead>
<tbody>${audit.ous.map((o) => `<tr data-ou="${esc(o.ou)}"><th scope="row"><button type="button" class="ou-pick" data-ou="${esc(o.ou)}">${esc(o.ou)}</button></th><td>${o.accounts}</td>${RESULT_ORDER.map((r) => `<td>${o.counts[r] || ''}</td>`).join('')}</tr>`).join('')}</tbody></table>
<h3 id="accounts-h">Accounts</h3>
<div class="controls" role="search" aria-label="Filter accounts">
<label>Search <input type="search" id="account-search" placeholder="id, name, OU or finding" autocomplete="off"></label>
<label>Result <select id="account-result"><option value="">All results</option>${RESULT_ORDER.map((r) => `<option value="${r}">${RESULT_LABEL[r]} (${s[SUMMARY_KEY[r]]})</option>`).join('')}</select></label>
<label>OU <select id="account-ou"><option value="">All OUs</option>${audit.ous.map((o) => `<option value="${esc(o.ou)}">${esc(o.ou)} (${o.accounts})</option>`).join('')}</select></label>
</div>
<p id="account-count" class="count" role="status" aria-live="polite"></p>
<div id="account-grid" class="grid screen-only" aria-labelledby="accounts-h"></div>
<div id="account-print" class="print-only"></div>
</section>`;
}

/** The config's acknowledged gaps (acknowledgedGaps), each with its reason: accepted, not counted, never hidden. */
function renderAcknowledgedGaps(gaps: AuditData['acknowledgedGaps']): string {
  if (gaps.length === 0) return '';
  return `<table class="static" id="acknowledged-gaps"><caption>Acknowledged gaps (acknowledgedGaps in the config: accepted with a reason, not counted as gaps)</caption>
<thead><tr><th scope="col">Check</th><th scope="col">Target</th><th scope="col">Reason</th></tr></thead>
<tbody>${gaps.map((g) => `<tr><th scope="row">${esc(g.check)}</th><td>${esc(g.target)}</td><td>${esc(g.reason)}</td></tr>`).join('')}</tbody></table>`;
}

function renderCredentials(c: CredentialsData): string {
  const s = c.summary;
  return `<section id="credentials" aria-labelledby="credentials-h">
<h2 id="credentials-h">Root credentials</h2>
<dl class="figures">
${figure('credentials.accounts', 'Accounts', s.accounts)}
${figure('credentials.withLongTermCredentials', 'With long-term credentials', s.withLongTermCredentials, s.withLongTermCredentials > 0 ? 'uncovered' : 'covered')}
${figure('credentials.withPassword', 'With a console password', s.withPassword)}
${figure('credentials.withAccessKeys', 'With access keys', s.withAccessKeys)}
${figure('credentials.withSigningCertificates', 'With signing certificates', s.withSigningCertificates)}
${figure('credentials.withMfa', 'With MFA', s.withMfa)}
${figure('credentials.failed', 'Could not be read', s.failed, s.failed > 0 ? 'unknown' : undefined)}
</dl>
<div class="controls" role="search" aria-label="Filter root credentials">
<label>Search <input type="search" id="cred-search" placeholder="id, name or OU" autocomplete="off"></label>
<label>Show <select id="cred-filter">
<option value="">All accounts</option>
<option value="long-term">With long-term credentials</option>
<option value="password">With a console password</option>
<option value="keys">With access keys</option>
<option value="certs">With signing certificates</option>
<option value="mfa">With MFA</option>
<option value="error">Could not be read</option>
</select></label>
</div>
<p id="cred-count" class="count" role="status" aria-live="polite"></p>
<div id="cred-grid" class="grid screen-only" aria-labelledby="credentials-h"></div>
<div id="cred-print" class="print-only"></div>
</section>`;
}

function renderActivity(a: ActivityData): string {
  return `<section id="activity" aria-labelledby="activity-h">
<h2 id="activity-h">Root activity over time</h2>
<p>${a.events.toLocaleString('en-US')} CloudTrail events read${a.files === null ? '' : ` from ${a.files.toLocaleString('en-US')} file(s)`}.</p>
<table class="static"><caption>Filters</caption>
<thead><tr><th scope="col">Filter</th><th scope="col">Matched</th><th scope="col">Pattern</th></tr></thead>
<tbody>${a.filters.map((f) => `<tr><th scope="row">${esc(f.id)}</th><td data-figure="activity.${esc(f.id)}.matched">${f.error ? 'not evaluated: invalid pattern' : f.matched.toLocaleString('en-US')}</td><td><code>${esc(f.pattern)}</code></td></tr>`).join('')}</tbody></table>
<div class="controls">
${a.filters.length > 1 ? `<label>Filter <select id="activity-filter">${a.filters.map((f, i) => `<option value="${i}">${esc(f.id)}</option>`).join('')}</select></label>` : ''}
<label>Break down by <select id="activity-by"><option value="event">Event</option><option value="account">Account</option></select></label>
<label>Day <select id="activity-day"><option value="">All days</option></select></label>
</div>
<figure class="chart screen-only"><div id="activity-chart" role="img" aria-label="Matches per day"></div>
<figcaption id="activity-caption">Matches per day (UTC). Choose a bar, or a day above, to list that day's accounts, events and first matches.</figcaption></figure>
<h3 id="groups-h">Matches by day, account and event</h3>
<p id="groups-count" class="count" role="status" aria-live="polite"></p>
<div id="groups-grid" class="grid" aria-labelledby="groups-h"></div>
<h3 id="matches-h">First matches</h3>
<div id="first-matches"></div>
</section>`;
}

function figure(key: string, label: string, value: number, tone?: string): string {
  return `<div class="figure${tone ? ` tone-${tone}` : ''}"><dt>${esc(label)}</dt><dd data-figure="${esc(key)}">${value.toLocaleString('en-US')}</dd></div>`;
}

function badge(status: string): string {
  return `<span class="badge status-${esc(status)}">${esc(status)}</span>`;
}

/** Escapes text for HTML content and attribute values. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}
