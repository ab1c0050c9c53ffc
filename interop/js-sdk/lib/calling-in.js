'use strict';
// What the test-sipp suites that call INTO Switchboard share: the Event Grid endpoint of SWITCHBOARD_INCOMING_CALL_URL
// (served on INCOMING_PORT, keeping every event of every POST) and SIPp callers dialling the service number.
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const dgram = require('node:dgram');
const { spawn } = require('node:child_process');

const SERVICE = '+18005550100'; // the number the SIPp callers dial

/** Starts the Event Grid endpoint; resolves with { events, waitFor(predicate, what, timeoutMs), close() }. */
async function startEventGrid(port) {
  const events = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8')).forEach((e) => events.push(e));
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));

  /** The first event (received at any time) matching the predicate, within the timeout. */
  async function waitFor(predicate, what, timeoutMs) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const found = events.find(predicate);
      if (found) {
        return found;
      }
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`no ${what} within ${timeoutMs} ms; got ${JSON.stringify(events.map((e) => e.eventType))}`);
  }

  return { events, waitFor, close: () => new Promise((resolve) => server.close(resolve)) };
}

function freeUdpPort() {
  return new Promise((resolve) => {
    const socket = dgram.createSocket('udp4');
    socket.bind(0, '127.0.0.1', () => {
      const { port } = socket.address();
      socket.close(() => resolve(port));
    });
  });
}

/**
 * Starts a SIPp UAC with a scenario of SIPP_DIR calling the service number at Switchboard's SIP port once; resolves
 * with its exit code (0: every message as scripted).
 */
async function callIn(sippDir, sipPort, scenario) {
  const [port, media] = [await freeUdpPort(), await freeUdpPort()];
  const sipp = spawn('sipp', ['-sf', scenario, '-s', SERVICE, `127.0.0.1:${sipPort}`, '-i', '127.0.0.1', '-p',
    String(port), '-mi', '127.0.0.1', '-mp', String(media), '-m', '1', '-timeout', '60s', '-timeout_error',
    '-nostdin', '-trace_err', '-error_file', path.join(os.tmpdir(), `sipp-${scenario}-${port}-errors.log`)],
  { cwd: sippDir, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => sipp.on('exit', (code) => resolve(code)));
}

module.exports = { SERVICE, startEventGrid, callIn, freeUdpPort };
