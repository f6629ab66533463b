#!/usr/bin/env node
// Open-loop load with Poisson arrivals (Node 20, no dependencies): requests are sent at
// exponentially distributed intervals of mean 1/RPS for DURATION seconds, whatever the answers
// do, each on its own keep-alive socket from a pool large enough never to make one wait.
//
// Usage: node poisson.js URL [--rps 40] [--duration 60] [--model m] [--seed 1]
// Prints one machine-readable line (latencies in microseconds):
//   RESULT sent=.. ok=.. errors=.. rate=.. p50=.. p90=.. p99=.. max=..
'use strict';

const http = require('http');

const args = process.argv.slice(2);
const url = new URL(args[0]);
const opt = (name, dflt) => {
  const i = args.indexOf('--' + name);
  return i >= 0 ? args[i + 1] : dflt;
};
const rps = Number(opt('rps', 40));
const duration = Number(opt('duration', 60));
const model = opt('model', 'm');
// A small deterministic generator (xorshift32), so runs are repeatable; the seed is spread over
// the 32 bits and the first outputs dropped (a small seed gives small first values).
let seed = (Math.imul(Number(opt('seed', 1)) | 0, 0x9e3779b1) ^ 0x5bd1e995) >>> 0 || 1;
function random() {
  seed ^= seed << 13; seed >>>= 0;
  seed ^= seed >>> 17;
  seed ^= seed << 5; seed >>>= 0;
  return (seed + 0.5) / 4294967296;
}

for (let i = 0; i < 32; i++) random();

const agent = new http.Agent({ keepAlive: true, maxSockets: 10000 });
const body = JSON.stringify({ model, messages: [{ role: 'user', content: 'hi' }] });
const latencies = [];
let sent = 0;
let errors = 0;
let pending = 0;
let stopped = false;

function send() {
  sent++;
  pending++;
  const t0 = process.hrtime.bigint();
  const req = http.request(url, {
    method: 'POST',
    agent,
    headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
  }, (res) => {
    res.resume();
    res.on('end', () => {
      const us = Number((process.hrtime.bigint() - t0) / 1000n);
      if (res.statusCode === 200) latencies.push(us); else errors++;
      done();
    });
  });
  req.on('error', (e) => { errors++; if (process.env.DEBUG) console.error(e.code || e.message); done(); });
  req.end(body);
}

function done() {
  pending--;
  if (stopped && pending === 0) report();
}

function report() {
  latencies.sort((a, b) => a - b);
  const q = (p) => latencies.length ? latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] : 0;
  console.log(`RESULT sent=${sent} ok=${latencies.length} errors=${errors} rate=${(sent / duration).toFixed(1)} ` +
    `p50=${q(0.5)} p90=${q(0.9)} p99=${q(0.99)} max=${latencies.length ? latencies[latencies.length - 1] : 0}`);
  agent.destroy();
}

const start = process.hrtime.bigint();
const end = start + BigInt(Math.round(duration * 1e9));
let next = Number(start);
function schedule() {
  next += -Math.log(random()) / rps * 1e9;
  if (BigInt(Math.round(next)) >= end) {
    stopped = true;
    if (pending === 0) report();
    return;
  }
  const wait = Math.max(0, (next - Number(process.hrtime.bigint())) / 1e6);
  setTimeout(() => { send(); schedule(); }, wait);
}
schedule();
