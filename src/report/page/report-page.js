/*
 * The report page's script: draws the grids (gridjs) and the chart (uPlot) from the JSON embedded in
 * #report-data. Plain ES2020, no module: inlined into the HTML as is by src/report/render-report-html.ts,
 * under a Content-Security-Policy that allows this script by hash and no network at all.
 */
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('report-data').textContent);
  var h = gridjs.h;
  var PAGE = 50;
  var pending = [];

  var RESULT_LABEL = {
    uncovered: 'Uncovered', 'non-compliant': 'Non-compliant', unknown: 'Unknown (not read)',
    covered: 'Covered', 'not-targeted': 'Not targeted', inactive: 'Inactive',
  };

  /** A status as text in a badge: the word carries the meaning, the colour only repeats it. */
  function badge(text, tone) {
    return h('span', { className: 'badge status-' + (tone || text) }, text);
  }

  function fmt(n) { return n.toLocaleString('en-US'); }

  /**
   * A gridjs grid over `rows`, paged, sortable; returns a function that replaces its rows.
   *
   * Each update draws a new Grid into a fresh child element instead of calling
   * `updateConfig().forceRender()`: since gridjs 6.1, forceRender can fail at random inside an
   * animation frame and leave an empty table (grid-js/gridjs#1484). A superseded grid draws into a
   * detached element, so quick successive filters cannot race. On `el`, `data-requested` counts the
   * draws asked for and `data-rendered` names the newest one on the page: equal, the grid is settled
   * (tests and other readers of the DOM wait on that).
   */
  function makeGrid(el, columns, rows, label) {
    var generation = 0;
    function draw(data) {
      var mine = ++generation;
      el.dataset.requested = String(mine);
      var holder = document.createElement('div');
      el.replaceChildren(holder);
      new gridjs.Grid({
        columns: columns,
        data: data,
        sort: true,
        // The browser sizes the columns from their contents: gridjs's own widths cut headers such as
        // "Password" and "Certificates" to an ellipsis at 1280 px.
        autoWidth: false,
        pagination: { limit: PAGE, summary: true },
        language: { noRecordsFound: 'No rows match the filters.' },
      }).render(holder);
      var drawn = whenDrawn(holder).then(function () {
        if (mine !== generation) return;
        holder.querySelector('table').setAttribute('aria-label', label);
        el.dataset.rendered = String(mine);
      });
      return drawn;
    }
    pending.push(draw(rows));
    return draw;
  }

  /**
   * Resolves once gridjs has drawn its rows (or its "no rows" / error message) into `holder`, not
   * merely its "Loading..." row; stops polling if the holder has been replaced by a newer draw.
   */
  function whenDrawn(holder) {
    return new Promise(function (resolve) {
      (function check() {
        if (!holder.isConnected) return resolve();
        var body = holder.querySelector('.gridjs-tbody');
        if (body && body.rows.length > 0 && !body.querySelector('.gridjs-loading')) resolve();
        else requestAnimationFrame(check);
      })();
    });
  }

  /** A plain table of every row for printing (the grid on screen shows one page at a time). */
  function printTable(el, caption, headers, rows) {
    var parts = ['<table class="print-table"><caption>', esc(caption), '</caption><thead><tr>'];
    headers.forEach(function (t) { parts.push('<th scope="col">', esc(t), '</th>'); });
    parts.push('</tr></thead><tbody>');
    rows.forEach(function (r) {
      parts.push('<tr>');
      // null is a figure that could not be read: "?", never 0 or "null".
      r.forEach(function (c) { parts.push('<td>', esc(c === null ? '?' : String(c)), '</td>'); });
      parts.push('</tr>');
    });
    parts.push('</tbody></table>');
    el.innerHTML = parts.join('');
  }

  function esc(t) {
    return t.replace(/[&<>"']/g, function (c) { return { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]; });
  }

  // ---- Coverage -------------------------------------------------------------------------------
  function setUpCoverage(audit) {
    var search = document.getElementById('account-search');
    var result = document.getElementById('account-result');
    var ou = document.getElementById('account-ou');
    var count = document.getElementById('account-count');
    // A cell is coloured by its first word: "ok (NOT_APPLICABLE: no root credentials)" is ok.
    var cell = function (v) { return v === '-' ? h('span', { className: 'na' }, 'n/a') : badge(v, String(v).split(' ')[0]); };
    var columns = [
      { name: 'Account' }, { name: 'Name' }, { name: 'OU' },
      { name: 'Result', formatter: function (v) { return badge(RESULT_LABEL[v] || v, v); } },
      { name: 'Stack sets', formatter: cell }, { name: 'SCP', formatter: cell }, { name: 'Root checks', formatter: cell },
      { name: 'Findings', sort: false, formatter: function (v) { return v ? h('span', { className: 'findings' }, v) : ''; } },
    ];
    var all = audit.accounts;
    // Sorted by OU, then account id: the accounts of one OU stay together (grouped by OU).
    var byOu = all.slice().sort(function (a, b) { return a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0; });
    var setRows = makeGrid(document.getElementById('account-grid'), columns, byOu, 'Accounts');
    function apply() {
      var q = search.value.trim().toLowerCase();
      var r = result.value;
      var o = ou.value;
      var rows = byOu.filter(function (a) {
        return (!r || a[3] === r) && (!o || a[2] === o)
          && (!q || a[0].indexOf(q) >= 0 || a[1].toLowerCase().indexOf(q) >= 0 || a[2].toLowerCase().indexOf(q) >= 0 || a[7].toLowerCase().indexOf(q) >= 0);
      });
      setRows(rows);
      count.textContent = 'Showing ' + fmt(rows.length) + ' of ' + fmt(all.length) + ' accounts.';
      count.dataset.shown = String(rows.length);
    }
    search.addEventListener('input', debounce(apply, 150));
    result.addEventListener('change', apply);
    ou.addEventListener('change', apply);
    Array.prototype.forEach.call(document.querySelectorAll('.ou-pick'), function (b) {
      b.addEventListener('click', function () {
        ou.value = b.getAttribute('data-ou');
        apply();
        document.getElementById('accounts-h').scrollIntoView();
        ou.focus();
      });
    });
    count.textContent = 'Showing ' + fmt(all.length) + ' of ' + fmt(all.length) + ' accounts.';
    count.dataset.shown = String(all.length);
    later(function () {
      printTable(document.getElementById('account-print'), 'Every account (' + fmt(all.length) + ')',
        ['Account', 'Name', 'OU', 'Result', 'Stack sets', 'SCP', 'Root checks', 'Findings'], byOu);
    });
  }

  // ---- Root credentials -----------------------------------------------------------------------
  function setUpCredentials(creds) {
    var search = document.getElementById('cred-search');
    var filter = document.getElementById('cred-filter');
    var count = document.getElementById('cred-count');
    var yesNo = function (v) { return badge(v, v === 'yes' ? 'failing' : v === 'no' ? 'ok' : 'unknown'); };
    // '?': the kind could not be read (root-credentials --json null): unknown, never shown as 0.
    var n = function (tone) { return function (v) { return v === '?' ? badge('?', 'unknown') : v > 0 ? badge(String(v), tone) : '0'; }; };
    var columns = [
      { name: 'Account' }, { name: 'Name' }, { name: 'OU' },
      { name: 'Password', formatter: yesNo }, { name: 'Active keys', formatter: n('failing') }, { name: 'Inactive keys', formatter: n('unknown') },
      { name: 'Certificates', formatter: n('failing') }, { name: 'MFA devices', formatter: function (v) { return v === '?' ? badge('?', 'unknown') : String(v); } },
      { name: 'Could not read', sort: false, formatter: function (v) { return v ? badge('unknown: ' + v, 'unknown') : ''; } },
    ];
    var all = creds.accounts;
    var tests = {
      'long-term': function (a) { return a[3] === 'yes' || a[4] + a[5] > 0 || a[6] > 0; },
      password: function (a) { return a[3] === 'yes'; },
      keys: function (a) { return a[4] + a[5] > 0; },
      certs: function (a) { return a[6] > 0; },
      mfa: function (a) { return a[7] > 0; },
      error: function (a) { return a[8] !== ''; },
    };
    var setRows = makeGrid(document.getElementById('cred-grid'), columns, all, 'Root credentials by account');
    function apply() {
      var q = search.value.trim().toLowerCase();
      var t = tests[filter.value];
      var rows = all.filter(function (a) {
        return (!t || t(a)) && (!q || a[0].indexOf(q) >= 0 || a[1].toLowerCase().indexOf(q) >= 0 || a[2].toLowerCase().indexOf(q) >= 0);
      });
      setRows(rows);
      count.textContent = 'Showing ' + fmt(rows.length) + ' of ' + fmt(all.length) + ' accounts.';
      count.dataset.shown = String(rows.length);
    }
    search.addEventListener('input', debounce(apply, 150));
    filter.addEventListener('change', apply);
    count.textContent = 'Showing ' + fmt(all.length) + ' of ' + fmt(all.length) + ' accounts.';
    count.dataset.shown = String(all.length);
    later(function () {
      printTable(document.getElementById('cred-print'), 'Root credentials of every account (' + fmt(all.length) + ')',
        ['Account', 'Name', 'OU', 'Password', 'Active keys', 'Inactive keys', 'Certificates', 'MFA devices', 'Could not read'], all);
    });
  }

  // ---- Root activity --------------------------------------------------------------------------
  var PALETTE = ['#1f5fa8', '#c2410c', '#15803d', '#7e22ce', '#b91c1c', '#0e7490', '#a16207', '#be185d', '#525252'];

  function setUpActivity(activity) {
    var filterSelect = document.getElementById('activity-filter');
    var bySelect = document.getElementById('activity-by');
    var daySelect = document.getElementById('activity-day');
    var chartEl = document.getElementById('activity-chart');
    var count = document.getElementById('groups-count');
    var matchesEl = document.getElementById('first-matches');
    var plot = null;
    var state = { filter: 0, day: '' };
    var setGroups = makeGrid(document.getElementById('groups-grid'),
      [{ name: 'Day (UTC)' }, { name: 'Account' }, { name: 'Event' }, { name: 'Matches' }], [], 'Matches by day, account and event');

    function current() { return activity.filters[state.filter]; }

    function drawChart() {
      var f = current();
      var by = bySelect.value === 'account' ? 1 : 2;
      var days = dayRange(unique(f.groups.map(function (g) { return g[0]; }).filter(function (d) { return /^\d{4}-\d{2}-\d{2}$/.test(d); })).sort());
      // The eight biggest accounts or events get their own series; the rest are added up as "other".
      var totals = {};
      f.groups.forEach(function (g) { totals[g[by]] = (totals[g[by]] || 0) + g[3]; });
      var keys = Object.keys(totals).sort(function (a, b) { return totals[b] - totals[a] || (a < b ? -1 : 1); });
      var top = keys.slice(0, 8);
      if (keys.length > 8) top.push('other');
      var dayIndex = {};
      days.forEach(function (d, i) { dayIndex[d] = i; });
      var raw = top.map(function () { return days.map(function () { return 0; }); });
      f.groups.forEach(function (g) {
        if (!(g[0] in dayIndex)) return;
        var k = top.indexOf(g[by]);
        raw[k >= 0 ? k : top.length - 1][dayIndex[g[0]]] += g[3];
      });
      // Stacked bars: series k draws the sum of series 0..k; the tallest is drawn first, behind.
      var stacked = [];
      raw.forEach(function (row, k) { stacked.push(row.map(function (v, i) { return v + (k > 0 ? stacked[k - 1][i] : 0); })); });
      var order = top.map(function (_, k) { return top.length - 1 - k; });
      if (plot) { plot.destroy(); plot = null; }
      chartEl.setAttribute('aria-label', 'Bar chart of ' + fmt(f.matched) + ' matches over ' + days.length + ' days, by ' + (by === 1 ? 'account' : 'event')
        + '; the same figures are in the table "Matches by day, account and event" below.');
      fillDays(days.filter(function (d) { return raw.some(function (r) { return r[dayIndex[d]] > 0; }); }));
      if (days.length === 0) { chartEl.textContent = 'No match with a day to chart.'; return; }
      chartEl.textContent = '';
      var bars = uPlot.paths.bars({ size: [0.8, 48] });
      plot = new uPlot({
        width: Math.max(320, Math.min(chartEl.clientWidth || 900, 1100)),
        height: 280,
        // Counts start at zero: uPlot's default range for one day's single value starts above it.
        scales: { x: { time: false, range: [-0.5, days.length - 0.5] }, y: { range: function (u, min, max) { return [0, Math.max(1, Math.ceil((max || 0) * 1.1))]; } } },
        axes: [
          { values: function (u, splits) { return splits.map(function (i) { return Number.isInteger(i) && days[i] ? days[i] : ''; }); }, incrs: [1, 2, 5, 7, 14, 30, 60, 90, 180, 365], space: 90 },
          { label: 'Matches', incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 100000] },
        ],
        // With no bar under the cursor the legend shows the whole range and each series' total, not "label:" with nothing.
        // The count axis's range, for the browser tests (it must start at zero).
        hooks: { draw: [function (u) { chartEl.dataset.yRange = u.scales.y.min + ',' + u.scales.y.max; }] },
        series: [{ label: 'Day', value: function (u, v) { return v == null ? (days.length === 1 ? days[0] : days[0] + ' to ' + days[days.length - 1]) : days[v]; } }].concat(order.map(function (k) {
          return {
            label: top[k],
            fill: PALETTE[k % PALETTE.length],
            stroke: PALETTE[k % PALETTE.length],
            paths: bars,
            points: { show: false },
            value: function (u, v, si, di) { return di == null ? fmt(raw[k].reduce(function (s, x) { return s + x; }, 0)) + ' in all' : fmt(raw[k][di]); },
          };
        })),
      }, [days.map(function (_, i) { return i; })].concat(order.map(function (k) { return stacked[k]; })), chartEl);
      plot.over.addEventListener('click', function () {
        var i = plot.cursor.idx;
        if (i != null && days[i]) selectDay(days[i]);
      });
    }

    function fillDays(days) {
      daySelect.innerHTML = '<option value="">All days</option>' + days.map(function (d) { return '<option value="' + d + '">' + d + '</option>'; }).join('');
      daySelect.value = days.indexOf(state.day) >= 0 ? state.day : '';
      state.day = daySelect.value;
    }

    function selectDay(day) {
      state.day = day;
      daySelect.value = day;
      showDay();
    }

    function showDay() {
      var f = current();
      var groups = f.groups.filter(function (g) { return !state.day || g[0] === state.day; });
      setGroups(groups);
      var sum = groups.reduce(function (s, g) { return s + g[3]; }, 0);
      count.textContent = (state.day ? state.day + ': ' : 'All days: ') + fmt(sum) + ' matches in ' + fmt(groups.length) + ' (day, account, event) groups'
        + (f.ungroupedMatches > 0 ? '; ' + fmt(f.ungroupedMatches) + ' more matches were counted but not grouped' : '') + '.';
      count.dataset.matches = String(sum);
      var matches = f.firstMatches.filter(function (m) { return !state.day || m.day === state.day; });
      renderMatches(matches, f);
    }

    function renderMatches(matches, f) {
      if (f.error) { matchesEl.innerHTML = '<p>This filter was not evaluated: ' + esc(f.error) + '</p>'; return; }
      if (matches.length === 0) {
        matchesEl.innerHTML = '<p>' + (f.firstMatches.length === 0 ? 'No match kept in the input.'
          : 'None of the first ' + f.firstMatches.length + ' matches the input keeps fell on this day (run backtest with a larger --examples to keep more).') + '</p>';
        return;
      }
      matchesEl.innerHTML = '<ol class="matches">' + matches.map(function (m) {
        return '<li><details><summary>' + esc(m.time || '(no eventTime)') + ' <strong>' + esc(m.eventName) + '</strong> in account ' + esc(m.account)
          + (m.error ? ' <span class="badge status-failing">failed</span>' : '') + '</summary><dl class="match">'
          + row('Event source', m.eventSource) + row('Region', m.region) + row('Identity', m.identity) + row('Source IP', m.sourceIp)
          + row('User agent', m.userAgent) + (m.error ? row('Error', m.error) : '') + row('From', m.from)
          + '</dl><pre>' + esc(m.json) + '</pre></details></li>';
      }).join('') + '</ol>';
    }

    function row(k, v) { return '<dt>' + esc(k) + '</dt><dd>' + esc(v || '-') + '</dd>'; }

    if (filterSelect) filterSelect.addEventListener('change', function () { state.filter = Number(filterSelect.value); state.day = ''; drawChart(); showDay(); });
    bySelect.addEventListener('change', drawChart);
    daySelect.addEventListener('change', function () { state.day = daySelect.value; showDay(); });
    drawChart();
    showDay();
  }

  /** Every day from the first to the last (a day without a match is a bar of 0, so the axis is time). */
  function dayRange(sorted) {
    if (sorted.length === 0) return [];
    var out = [];
    var end = Date.parse(sorted[sorted.length - 1] + 'T00:00:00Z');
    for (var t = Date.parse(sorted[0] + 'T00:00:00Z'); t <= end && out.length < 3700; t += 86400000) out.push(new Date(t).toISOString().slice(0, 10));
    return out;
  }

  function unique(list) {
    var seen = {};
    return list.filter(function (x) { if (seen[x]) return false; seen[x] = true; return true; });
  }

  function debounce(fn, ms) {
    var timer;
    return function () { clearTimeout(timer); timer = setTimeout(fn, ms); };
  }

  function later(fn) { setTimeout(fn, 0); }

  if (data.audit) setUpCoverage(data.audit);
  if (data.credentials) setUpCredentials(data.credentials);
  if (data.activity) setUpActivity(data.activity);
  Promise.all(pending).then(function () {
    performance.mark('report-rendered');
    document.documentElement.setAttribute('data-rendered', 'true');
  });
})();
