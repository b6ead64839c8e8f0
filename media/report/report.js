/* FlameLens HTML report: draws the profile embedded in #flamelens-data. Plain browser
   JavaScript, inlined by src/core/report/htmlReport.ts after d3 and d3-flame-graph.
   Every string from the profile (function names, paths, the title) comes from the profiled
   program and may contain markup, so it only ever reaches the DOM through textContent,
   d3's .text() or attributes; never innerHTML (d3-flame-graph's own tooltip uses .html(),
   which is why we pass our own). */
(function () {
  'use strict';

  var data = JSON.parse(document.getElementById('flamelens-data').textContent);
  var summary = data.summary;
  var rootMs = data.flame.value || summary.durationMs || 1;
  var CATEGORIES = ['app', 'dependency', 'node', 'native', 'idle'];
  var CATEGORY_LABELS = { app: 'Your code', dependency: 'Dependencies', node: 'Node.js', native: 'V8 / native', idle: 'Idle' };

  // ---- Formatting ------------------------------------------------------------------

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function fixed(value, digits) {
    return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  function ms(value) {
    return value >= 1000 ? fixed(value / 1000, 2) + ' s' : fixed(value, value < 10 ? 2 : 1) + ' ms';
  }
  function pct(value) {
    return fixed(value, value > 0 && value < 0.1 ? 2 : 1) + '%';
  }
  function nameOf(frame) {
    return frame.name || '(anonymous)';
  }
  // Absolute paths are long and mostly the same prefix; the last 3 segments tell files apart.
  function shortPath(p) {
    var parts = p.split(/[\\/]/);
    return parts.length > 3 ? '…/' + parts.slice(-3).join('/') : p;
  }
  function where(file, line) {
    return file ? (line > 0 ? file + ':' + line : file) : '';
  }

  // ---- Header ----------------------------------------------------------------------

  document.title = data.title + ' · FlameLens';
  document.getElementById('report-title').textContent = data.title;

  var facts = document.getElementById('facts');
  function fact(label, value, title) {
    var item = el('div');
    item.appendChild(el('dt', '', label));
    var dd = item.appendChild(el('dd', '', value));
    if (title) dd.title = title;
    facts.appendChild(item);
  }
  var recorded = new Date(data.recordedAt);
  fact('Recorded', isNaN(recorded.getTime()) ? data.recordedAt : recorded.toLocaleString(), data.recordedAt);
  fact('Duration', ms(summary.durationMs));
  fact('Samples', summary.samples.toLocaleString('en-US'));
  fact('Interval', summary.intervalUs >= 1000 ? ms(summary.intervalUs / 1000) : summary.intervalUs + ' µs', 'Achieved sampling interval (median gap between samples)');

  var legend = document.getElementById('legend');
  var categoryTotal = CATEGORIES.reduce(function (sum, c) { return sum + (summary.byCategory[c] || 0); }, 0) || 1;
  CATEGORIES.forEach(function (c) {
    var value = summary.byCategory[c] || 0;
    var item = legend.appendChild(el('li'));
    item.appendChild(el('span', 'swatch cat-' + c));
    item.appendChild(el('span', '', CATEGORY_LABELS[c]));
    item.appendChild(el('span', 'value', ms(value) + ' · ' + pct((100 * value) / categoryTotal)));
  });

  // ---- Flame graph -----------------------------------------------------------------

  var chartEl = document.getElementById('chart');
  var tipEl = document.getElementById('tip');
  var detailsEl = document.getElementById('details');
  var matchEl = document.getElementById('match');
  var searchEl = document.getElementById('search');
  var resetEl = document.getElementById('reset');

  // The palette lives in report.css (CSS variables, with a dark variant); read it here so
  // SVG fills and the legend swatches always agree.
  var palette = {};
  function readPalette() {
    var style = getComputedStyle(document.documentElement);
    CATEGORIES.forEach(function (c) {
      palette[c] = style.getPropertyValue('--cat-' + c).trim();
    });
    palette.match = style.getPropertyValue('--match').trim();
    palette.root = style.getPropertyValue('--root').trim();
  }
  readPalette();

  // A tooltip object in d3-flame-graph's shape (callable, with show/hide) that builds its
  // content with textContent.
  function tooltip() {}
  tooltip.show = function (event, d) {
    var f = d.data;
    tipEl.textContent = '';
    tipEl.appendChild(el('div', 'name', nameOf(f)));
    var dl = tipEl.appendChild(el('dl'));
    [['Self', f.self], ['Total', f.value]].forEach(function (row) {
      dl.appendChild(el('dt', '', row[0]));
      dl.appendChild(el('dd', '', ms(row[1]) + ' (' + pct((100 * row[1]) / rootMs) + ')'));
    });
    tipEl.appendChild(el('div', 'where', (f.location || 'no source location') + ' · ' + (CATEGORY_LABELS[f.category] || f.category)));
    tipEl.hidden = false;
    placeTip(event);
  };
  tooltip.hide = function () {
    tipEl.hidden = true;
  };
  function placeTip(event) {
    var x = event.clientX + 14;
    var y = event.clientY + 16;
    if (x + tipEl.offsetWidth > window.innerWidth - 8) x = Math.max(8, event.clientX - tipEl.offsetWidth - 14);
    if (y + tipEl.offsetHeight > window.innerHeight - 8) y = Math.max(8, event.clientY - tipEl.offsetHeight - 16);
    tipEl.style.left = x + 'px'; // CSSOM writes are allowed by the CSP; style="" attributes are not
    tipEl.style.top = y + 'px';
  }
  chartEl.addEventListener('mousemove', function (event) {
    if (!tipEl.hidden) placeTip(event);
  });
  chartEl.addEventListener('mouseleave', tooltip.hide);

  var zoomed = null;
  function showZoom() {
    resetEl.disabled = !zoomed;
    detailsEl.textContent = zoomed
      ? 'Zoomed into ' + nameOf(zoomed.data) + ' (' + ms(zoomed.data.value) + ', ' + pct((100 * zoomed.data.value) / rootMs) + ' of all time). Click the top frame or "Reset zoom" to go back.'
      : 'Callers above callees; width is total time. Hover a frame for details, click it to zoom in.';
  }

  // The UMD build sets window.flamegraph to its module object; the factory is `.default`.
  var createChart = typeof flamegraph === 'function' ? flamegraph : flamegraph.default;
  var chart = createChart()
    .width(chartEl.clientWidth || 960)
    .cellHeight(20)
    .inverted(true) // the root stays next to the toolbar however deep the stacks are
    .minFrameSize(0.5) // sub-pixel frames are invisible anyway; skipping them keeps the DOM small
    .transitionDuration(300)
    .resetHeightOnZoom(true) // a zoomed subtree is shallower: no empty band above the tables
    .getName(function (d) { return nameOf(d.data); })
    .tooltip(tooltip)
    .setColorMapper(function (d) {
      if (d.highlight) return palette.match;
      return d.parent ? palette[d.data.category] || palette.native : palette.root; // "all" is no category
    })
    .setDetailsHandler(function () {}) // details go to our tooltip and zoom line instead
    .onClick(function (d) {
      zoomed = d.parent ? d : null;
      showZoom();
    });

  // ---- Search ------------------------------------------------------------------------

  // Plain case-insensitive substring match on name or file:line. (The library's default
  // builds a RegExp from the input, which throws on "(anonymous" and similar.)
  chart.setSearchMatch(function (d, term) {
    return !!term && (nameOf(d.data).toLowerCase().indexOf(term) >= 0 || d.data.location.toLowerCase().indexOf(term) >= 0);
  });
  var hits = [];
  chart.setSearchHandler(function (results) {
    // Count each matched subtree once: a match nested in another match is already inside its total.
    var set = new Set(results);
    var matchedMs = 0;
    hits = results.filter(function (d) {
      for (var p = d.parent; p; p = p.parent) if (set.has(p)) return false;
      matchedMs += d.data.value;
      return true;
    });
    matchEl.textContent = results.length
      ? results.length.toLocaleString('en-US') + (results.length === 1 ? ' frame' : ' frames') + ' · ' + ms(matchedMs) + ' · ' + pct(Math.min(100, (100 * matchedMs) / rootMs)) + ' of total time'
      : 'No matches';
  });
  function runSearch() {
    var term = searchEl.value.trim().toLowerCase();
    if (term) {
      chart.search(term);
    } else {
      hits = [];
      matchEl.textContent = '';
      chart.clear();
    }
  }
  var searchTimer = 0;
  searchEl.addEventListener('input', function () {
    clearTimeout(searchTimer);
    searchTimer = setTimeout(runSearch, 120);
  });
  searchEl.addEventListener('keydown', function (event) {
    if (event.key === 'Enter') {
      // Keyboard path to zooming: Enter zooms to the widest match.
      clearTimeout(searchTimer);
      runSearch();
      var best = hits.reduce(function (a, b) { return !a || b.data.value > a.data.value ? b : a; }, null);
      if (best) chart.zoomTo(best);
    } else if (event.key === 'Escape') {
      searchEl.value = '';
      runSearch();
    }
  });
  document.addEventListener('keydown', function (event) {
    if (event.key === '/' && document.activeElement !== searchEl && !event.ctrlKey && !event.metaKey) {
      event.preventDefault();
      searchEl.focus();
    }
  });
  resetEl.addEventListener('click', function () {
    chart.resetZoom();
  });

  d3.select(chartEl).datum(data.flame).call(chart);
  showZoom();

  // Width follows the container; redraw after layout settles, once per frame at most.
  var pendingResize = 0;
  function fitWidth() {
    cancelAnimationFrame(pendingResize);
    pendingResize = requestAnimationFrame(function () {
      var width = chartEl.clientWidth;
      if (width > 0 && width !== chart.width()) chart.width(width).update();
    });
  }
  if (typeof ResizeObserver === 'function') new ResizeObserver(fitWidth).observe(chartEl);
  else window.addEventListener('resize', fitWidth);

  // Follow the OS switching between light and dark while the report is open.
  window.matchMedia('(prefers-color-scheme: dark)').addEventListener('change', function () {
    readPalette();
    chart.update();
  });

  // ---- Tables ------------------------------------------------------------------------

  function cell(row, className, text, title) {
    var td = row.appendChild(el('td', className, text));
    if (title) td.title = title;
    return td;
  }
  // Bars are relative to the table's largest value: shares are often a few percent, and
  // bars scaled to 100% would all look empty.
  function pctCell(row, value, max) {
    var td = cell(row, 'num pct');
    var bar = td.appendChild(el('span', 'bar'));
    bar.style.width = (max > 0 ? Math.min(100, (100 * Math.max(0, value)) / max) : 0) + '%';
    td.appendChild(el('span', '', pct(value)));
  }
  function pathCell(row, file, line) {
    var full = where(file, line);
    cell(row, 'path', full ? shortPath(full) : '(no source)', full);
  }
  function emptyRow(body, columns) {
    cell(body.insertRow(), 'empty', 'Nothing recorded').colSpan = columns;
  }
  function searchFor(text) {
    searchEl.value = text;
    clearTimeout(searchTimer);
    runSearch();
    chartEl.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  }

  function maxOf(rows) {
    return rows.reduce(function (m, r) { return Math.max(m, r.selfPct); }, 0);
  }
  var functionsBody = document.querySelector('#functions tbody');
  var functionsMax = maxOf(summary.hotFunctions);
  if (!summary.hotFunctions.length) emptyRow(functionsBody, 7);
  summary.hotFunctions.forEach(function (f) {
    var row = functionsBody.insertRow();
    cell(row, 'num', fixed(f.selfMs, 1));
    pctCell(row, f.selfPct, functionsMax);
    cell(row, 'num', fixed(f.totalMs, 1));
    cell(row, 'num', pct(f.totalPct));
    var name = f.name || '(anonymous)';
    var button = cell(row, 'fn').appendChild(el('button', '', name));
    button.type = 'button';
    button.title = name + '\nHighlight in the flame graph';
    button.addEventListener('click', function () { searchFor(name); });
    pathCell(row, f.file, f.line);
    var category = cell(row, '').appendChild(el('span', 'cat'));
    category.appendChild(el('span', 'swatch cat-' + f.category));
    category.appendChild(el('span', '', CATEGORY_LABELS[f.category] || f.category));
  });

  var linesBody = document.querySelector('#lines tbody');
  var linesMax = maxOf(summary.hotLines);
  if (!summary.hotLines.length) emptyRow(linesBody, 3);
  summary.hotLines.forEach(function (l) {
    var row = linesBody.insertRow();
    cell(row, 'num', fixed(l.selfMs, 1));
    pctCell(row, l.selfPct, linesMax);
    pathCell(row, l.file, l.line);
  });
})();
