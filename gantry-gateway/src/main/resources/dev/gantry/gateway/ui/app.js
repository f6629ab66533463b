// The dashboard's page script: reads /ui/api/dashboard and draws every panel with plain DOM and
// SVG (no library, nothing loaded from elsewhere). Data is only ever inserted as text.
(function () {
  'use strict';
  // The range to open with: the address's fragment (#15m, #1h, #24h, #7d), else the last hour.
  var range = /^#(15m|1h|24h|7d)$/.test(window.location.hash) ? window.location.hash.slice(1) : '1h';
  var timer = null;
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, text) {
    var e = document.createElement(tag);
    if (attrs) { Object.keys(attrs).forEach(function (k) { e.setAttribute(k, attrs[k]); }); }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function fmt(v, digits) {
    if (v === null || v === undefined || (typeof v === 'number' && !isFinite(v))) { return '–'; }
    if (typeof v !== 'number') { return String(v); }
    if (Math.abs(v) >= 1000) { return v.toFixed(0); }
    return Number(v.toPrecision(digits || 3)).toString();
  }
  function pct(v) { return v === null || v === undefined ? '–' : (100 * v).toFixed(2) + ' %'; }
  function usd(v) { return v === null || v === undefined ? '–' : '$' + Number(v).toFixed(6); }

  function table(id, head, rows) {
    var t = document.getElementById(id);
    t.textContent = '';
    var tr = el('tr');
    head.forEach(function (h) { tr.appendChild(el('th', null, h)); });
    t.appendChild(tr);
    if (rows.length === 0) {
      var empty = el('tr');
      empty.appendChild(el('td', { colspan: String(head.length) }, 'nothing in this range'));
      t.appendChild(empty);
    }
    rows.forEach(function (r) {
      var row = el('tr');
      r.forEach(function (c) {
        var cell = (c && typeof c === 'object' && c.text !== undefined) ? c : { text: c };
        var td = el('td', cell.cls ? { class: cell.cls } : null, cell.text);
        row.appendChild(td);
      });
      t.appendChild(row);
    });
  }

  function chart(id, series, columns) {
    var box = document.getElementById(id);
    box.textContent = '';
    var w = 1000, h = 160, pad = 30;
    var svg = document.createElementNS(SVG, 'svg');
    svg.setAttribute('viewBox', '0 0 ' + w + ' ' + h);
    svg.setAttribute('preserveAspectRatio', 'none');
    var max = 0;
    columns.forEach(function (c) { series.forEach(function (p) { if (p[c] !== null && p[c] > max) { max = p[c]; } }); });
    if (max === 0) { max = 1; }
    var axis = document.createElementNS(SVG, 'line');
    axis.setAttribute('x1', pad); axis.setAttribute('x2', w); axis.setAttribute('y1', h - pad); axis.setAttribute('y2', h - pad);
    axis.setAttribute('class', 'axis');
    svg.appendChild(axis);
    var label = document.createElementNS(SVG, 'text');
    label.setAttribute('x', 2); label.setAttribute('y', 12);
    label.textContent = fmt(max);
    svg.appendChild(label);
    var n = Math.max(1, series.length - 1);
    columns.forEach(function (c, i) {
      var d = '';
      series.forEach(function (p, x) {
        if (p[c] === null) { return; }
        var px = pad + (w - pad) * x / n;
        var py = (h - pad) - (h - pad - 5) * p[c] / max;
        d += (d === '' ? 'M' : 'L') + px.toFixed(1) + ' ' + py.toFixed(1) + ' ';
      });
      if (d !== '') {
        var path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', d);
        path.setAttribute('fill', 'none');
        path.setAttribute('stroke-width', '2');
        path.setAttribute('class', 's' + i);
        svg.appendChild(path);
      }
    });
    box.appendChild(svg);
  }

  function tiles(s) {
    var box = document.getElementById('tiles');
    box.textContent = '';
    [['requests', s.requests, 'requests'], ['rps', fmt(s.requests_per_second), 'requests / s'],
     ['errors', pct(s.error_rate), 'error rate (5xx)'], ['p50', fmt(s.p50_ms) + ' ms', 'latency p50'],
     ['p95', fmt(s.p95_ms) + ' ms', 'latency p95'], ['p99', fmt(s.p99_ms) + ' ms', 'latency p99'],
     ['ttft', fmt(s.ttft_p95_ms) + ' ms', 'time to first token p95'],
     ['cpr', usd(s.cost_per_request_usd), 'cost per request'], ['spend', usd(s.cost_usd), 'spend'],
     ['tokens', fmt(s.input_tokens + s.output_tokens), 'tokens']].forEach(function (t) {
      var d = el('div', { class: 'tile', id: 'tile-' + t[0] });
      d.appendChild(el('div', { class: 'v' }, t[1]));
      d.appendChild(el('div', { class: 'k' }, t[2]));
      box.appendChild(d);
    });
  }

  function kv(list, scale) {
    return list.map(function (e) { return [e.name, { text: scale ? scale(e.value) : fmt(e.value), cls: 'n' }]; });
  }

  function render(d) {
    document.getElementById('who').textContent = d.user + ' (' + d.role + (d.tenant ? ', ' + d.tenant : ', all tenants') + ')';
    tiles(d.summary);
    chart('chart-rps', d.series, [0]);
    chart('chart-errors', d.series, [1]);
    chart('chart-latency', d.series, [2, 3, 4]);
    chart('chart-ttft', d.series, [5, 6]);
    chart('chart-cost', d.series, [7]);
    chart('chart-tokens', d.series, [8, 9]);
    table('routes', ['route', 'requests', 'error rate', 'p95 ms', 'guardrail triggers', 'feedback'],
      Object.keys(d.routes).map(function (r) {
        var x = d.routes[r];
        return [r, { text: x.requests, cls: 'n' }, { text: pct(x.error_rate), cls: 'n' }, { text: fmt(x.p95_ms), cls: 'n' },
          { text: pct(x.guardrail_trigger_rate), cls: 'n' }, { text: x.feedback_ratings + ' × ' + fmt(x.feedback_mean), cls: 'n' }];
      }));
    table('spend-model', ['model', 'USD'], kv(d.spend_by_model, usd));
    table('spend-customer', ['customer', 'USD'], kv(d.spend_by_customer, usd));
    table('spend-tenant', ['tenant', 'requests', 'USD'], Object.keys(d.spend_by_tenant).map(function (t) {
      return [t, { text: d.spend_by_tenant[t].requests, cls: 'n' }, { text: usd(d.spend_by_tenant[t].cost_usd), cls: 'n' }];
    }));
    table('guardrail-table', ['check', 'triggers'], kv(d.guardrails));
    table('error-table', ['error', 'count'], kv(d.errors));
    table('upstream-table', ['deployment', 'attempts', 'failed', 'success', 'breaker'], d.upstreams.map(function (u) {
      return [u.deployment, { text: u.attempts, cls: 'n' }, { text: u.failed, cls: 'n' }, { text: pct(u.success_rate), cls: 'n' },
        { text: u.breaker, cls: u.breaker === 'open' ? 'bad' : 'good' }];
    }));
    var sat = d.saturation || {};
    table('saturation', ['measure', 'now'], [['requests in flight', { text: fmt(sat.inflight), cls: 'n' }],
      ['worker queue depth', { text: fmt(sat.queue_depth), cls: 'n' }], ['workers busy', { text: fmt(sat.workers_active), cls: 'n' }]]);
    table('alert-table', ['alert', 'state', 'severity', 'since', 'summary'], d.alerts.map(function (a) {
      return [a.name, { text: a.state, cls: a.state === 'firing' ? 'bad' : '' }, a.severity, a.since || '', a.summary];
    }));
    table('slo-table', ['route', 'objective', 'target', 'window', 'budget left'], d.slos.map(function (s) {
      return [s.route, s.objective, pct(s.target), s.window, { text: pct(s.error_budget_left), cls: s.error_budget_left < 0.25 ? 'bad' : 'good' }];
    }));
    table('alert-history', ['time', 'alert', 'status', 'summary'], d.alert_history.map(function (h) {
      return [h.at, h.name, { text: h.status, cls: h.status === 'firing' ? 'bad' : 'good' }, h.summary];
    }));
    table('feedback-table', ['route', 'ratings', 'mean score (0..1)'], Object.keys(d.routes).map(function (r) {
      return [r, { text: d.routes[r].feedback_ratings, cls: 'n' }, { text: fmt(d.routes[r].feedback_mean), cls: 'n' }];
    }));
    table('eval-table', ['time', 'suite', 'route', 'cases', 'pass rate', 'result'], d.evals.map(function (e) {
      return [e.time, e.name, e.route, { text: e.cases, cls: 'n' }, { text: pct(e.pass_rate), cls: 'n' },
        { text: e.passed ? 'passed' : e.summary, cls: e.passed ? 'good' : 'bad' }];
    }));
    table('drift-table', ['route', 'score', 'p-value', 'samples', 'KB unanswerable', 'guardrail triggers'], d.drift.map(function (x) {
      return [x.route, { text: fmt(x.score), cls: x.drifted ? 'bad' : 'good' }, { text: fmt(x.p_value), cls: 'n' },
        { text: x.samples, cls: 'n' }, { text: pct(x.kb_unanswerable), cls: 'n' }, { text: pct(x.guardrail_triggers), cls: 'n' }];
    }));
    var stages = document.getElementById('stages');
    stages.textContent = '';
    d.pipeline.split(' → ').forEach(function (s) { stages.appendChild(el('li', null, s)); });
    document.getElementById('status').textContent = 'Range ' + d.range + ', updated ' + d.generated_at;
  }

  function load() {
    var status = document.getElementById('status');
    fetch('/ui/api/dashboard?range=' + encodeURIComponent(range), { credentials: 'same-origin' })
      .then(function (r) {
        if (r.status === 401) { window.location.href = '/ui'; return null; }
        if (!r.ok) { throw new Error('status ' + r.status); }
        return r.json();
      })
      .then(function (d) {
        if (d) {
          render(d);
          document.body.setAttribute('data-loaded', range);
          // When the figures were first drawn, for the benchmark (read through the Performance API).
          if (window.performance && performance.mark) { performance.mark('gantry-rendered-' + range); }
        }
      })
      .catch(function (e) { status.textContent = 'Could not load the figures (' + e.message + ').'; });
  }

  function select(group, attr, value) {
    Array.prototype.forEach.call(document.querySelectorAll(group + ' button'), function (b) {
      b.classList.toggle('on', b.getAttribute(attr) === value);
    });
  }

  document.addEventListener('DOMContentLoaded', function () {
    select('#ranges', 'data-range', range);
    Array.prototype.forEach.call(document.querySelectorAll('#ranges button'), function (b) {
      b.addEventListener('click', function () { range = b.getAttribute('data-range'); select('#ranges', 'data-range', range); load(); });
    });
    Array.prototype.forEach.call(document.querySelectorAll('#tabs button'), function (b) {
      b.addEventListener('click', function () {
        var p = b.getAttribute('data-panel');
        select('#tabs', 'data-panel', p);
        Array.prototype.forEach.call(document.querySelectorAll('.panel'), function (s) { s.hidden = s.id !== p; });
      });
    });
    document.getElementById('refresh').addEventListener('click', load);
    load();
    timer = setInterval(load, 10000);
  });
}());
