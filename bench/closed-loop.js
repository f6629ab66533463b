#!/usr/bin/env node
// Closed-loop load (Node 20, no dependencies): N requests, C at a time on keep-alive sockets, each
// sent as soon as one of the C before it has its answer. Prints one line per request, in order of
// completion, as `curl -w '%{http_code} %{time_total}'` would: the HTTP status (000 for a socket
// error) and the seconds from sending to the end of the answer. Unlike a curl process per request,
// the client costs no process start, so on a 2-core machine its time is not counted as the
// gateway's.
//
// Usage: node closed-loop.js URL [--n 2000] [--c 32] [--model m]
'use strict';

const http = require('http');

const args = process.argv.slice(2);
const url = new URL(args[0]);
const opt = (name, dflt) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1] : dflt;
};
const total = Number(opt('n', 2000));
const concurrency = Number(opt('c', 32));
const body = JSON.stringify({ model: opt('model', 'm'), messages: [{ role: 'user', content: 'hi' }] });
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
const lines = [];
let started = 0;
let finished = 0;

function send() {
  if (started >= total) return;
  started++;
  const t0 = process.hrtime.bigint();
  let settled = false;
  const finish = (status) => {
    if (settled) return;
    settled = true;
    const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
    lines.push(`${status} ${seconds.toFixed(6)}`);
    finished++;
    if (finished === total) {
      process.stdout.write(lines.join('\n') + '\n');
      agent.destroy();
    } else {
      send();
    }
  };
  const req = http.request(url, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, (res) => {
    res.resume();
    res.on('end', () => finish(String(res.statusCode)));
    res.on('error', () => finish('000'));
  });
  req.on('error', () => finish('000'));
  req.end(body);
}

for (let i = 0; i < Math.min(concurrency, total); i++) send();
