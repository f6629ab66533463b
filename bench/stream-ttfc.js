#!/usr/bin/env node
// Streaming time-to-first-chunk load client (Node 20, no dependencies).
//
// Keeps CONCURRENCY streaming POST /v1/chat/completions requests ("stream": true)
// in flight for DURATION seconds over keep-alive connections, and measures, for
// each request, the time from sending it to receiving the first SSE "data:" chunk
// of the answer. Each stream is read to its end before its slot sends the next.
//
// The slots start spread over --ramp milliseconds: with a fixed inter-token delay,
// streams started together would stay in phase and arrive in bursts.
//
// Usage: node stream-ttfc.js URL [--concurrency 200] [--duration 15] [--ramp 250] [--label NAME]
//        [--api chat|responses|messages]   (the body's shape; the URL gives the path)
// Prints a human line and one machine-readable line:
//   RESULT label=.. streams=.. rate=.. p50=.. p90=.. p99=.. p999=.. max=.. errors=.. (microseconds)
'use strict';

const http = require('http');

function parseArgs(argv) {
  const opts = {
    concurrency: 200,
    duration: 15,
    label: 'run',
    model: 'gpt-4o-mini',
    ramp: 250,
    api: 'chat',
  };
  const rest = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a.startsWith('--')) opts[a.slice(2)] = argv[++i];
    else rest.push(a);
  }
  if (rest.length !== 1) {
    console.error('usage: stream-ttfc.js URL [--concurrency N] [--duration S] [--label NAME]');
    process.exit(2);
  }
  opts.url = new URL(rest[0]);
  opts.concurrency = Number(opts.concurrency);
  opts.duration = Number(opts.duration);
  opts.ramp = Number(opts.ramp);
  return opts;
}

const opts = parseArgs(process.argv.slice(2));
const question =
  'Summarise in two sentences why a gateway in front of a language model API ' +
  'should add as little latency as possible, and name one thing it must never do.';
const bodies = {
  chat: { model: opts.model, stream: true, messages: [{ role: 'user', content: question }] },
  responses: { model: opts.model, stream: true, input: question },
  messages: {
    model: opts.model,
    stream: true,
    max_tokens: 256,
    messages: [{ role: 'user', content: question }],
  },
};
if (!bodies[opts.api]) {
  console.error('stream-ttfc.js: --api must be chat, responses or messages');
  process.exit(2);
}
const body = JSON.stringify(bodies[opts.api]);
const agent = new http.Agent({ keepAlive: true, maxSockets: opts.concurrency, maxFreeSockets: opts.concurrency });
const reqOpts = {
  host: opts.url.hostname,
  port: opts.url.port,
  path: opts.url.pathname,
  method: 'POST',
  agent,
  headers: {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    authorization: 'Bearer sk-bench',
    accept: 'text/event-stream',
  },
};

const ttfc = []; // microseconds
let errors = 0;
let noChunk = 0;
let completed = 0;
let stopping = false;
const started = process.hrtime.bigint();
const deadline = started + BigInt(Math.round(opts.duration * 1e9));

function one(done) {
  const t0 = process.hrtime.bigint();
  let first = false;
  let finished = false;
  const finish = (ok) => {
    if (finished) return;
    finished = true;
    if (!ok) errors++;
    done();
  };
  const req = http.request(reqOpts, (res) => {
    if (res.statusCode !== 200) {
      res.resume();
      res.on('end', () => finish(false));
      return;
    }
    const onData = (buf) => {
      // The first SSE event of the answer: every event has a "data:" line (Responses and
      // Messages events an "event:" line before it).
      if (!first && buf.indexOf('data:') !== -1) {
        first = true;
        ttfc.push(Number(process.hrtime.bigint() - t0) / 1000);
        res.removeListener('data', onData);
        res.resume();
      }
    };
    res.on('data', onData);
    res.on('end', () => {
      completed++;
      if (!first) noChunk++;
      finish(first);
    });
    res.on('error', () => finish(false));
  });
  req.on('error', () => finish(false));
  req.setTimeout(30000, () => req.destroy(new Error('timeout')));
  req.end(body);
}

function slot(i) {
  return new Promise((resolve) => {
    const loop = () => {
      if (stopping || process.hrtime.bigint() >= deadline) return resolve();
      one(loop);
    };
    setTimeout(loop, (i * opts.ramp) / opts.concurrency);
  });
}

function pct(sorted, p) {
  if (sorted.length === 0) return 0;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return Math.round(sorted[i]);
}

const hardStop = setTimeout(() => {
  stopping = true;
  console.error('stream-ttfc: streams did not drain in time, stopping');
  report();
  process.exit(1);
}, (opts.duration + 40) * 1000);

function report() {
  const secs = Number(process.hrtime.bigint() - started) / 1e9;
  const s = Float64Array.from(ttfc).sort();
  const r = {
    label: opts.label,
    streams: s.length,
    rate: (completed / secs).toFixed(1),
    p50: pct(s, 50),
    p90: pct(s, 90),
    p99: pct(s, 99),
    p999: pct(s, 99.9),
    max: s.length ? Math.round(s[s.length - 1]) : 0,
    errors,
    no_chunk: noChunk,
  };
  console.log(
    `${opts.label}: ${r.streams} streams in ${secs.toFixed(1)}s (${r.rate}/s), time to first chunk ` +
      `p50 ${(r.p50 / 1000).toFixed(2)} ms, p90 ${(r.p90 / 1000).toFixed(2)} ms, p99 ${(r.p99 / 1000).toFixed(2)} ms, ` +
      `errors ${errors}`,
  );
  console.log('RESULT ' + Object.entries(r).map(([k, v]) => `${k}=${v}`).join(' '));
}

Promise.all(Array.from({ length: opts.concurrency }, (_, i) => slot(i))).then(() => {
  clearTimeout(hardStop);
  report();
  agent.destroy();
});
