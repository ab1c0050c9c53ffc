'use strict';
// A local callback receiver that parses every callback with the SDK's own parser, plus a WAV file to play.
const http = require('node:http');
const { parseCallAutomationEvent } = require('@azure/communication-call-automation');

/** 16-bit PCM mono 16 kHz silence: the format ACS documents for play sources. */
function silentWav(millis) {
  const samples = Math.round(16000 * millis / 1000);
  const data = Buffer.alloc(samples * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0); header.writeUInt32LE(36 + data.length, 4); header.write('WAVE', 8);
  header.write('fmt ', 12); header.writeUInt32LE(16, 16); header.writeUInt16LE(1, 20); header.writeUInt16LE(1, 22);
  header.writeUInt32LE(16000, 24); header.writeUInt32LE(32000, 28); header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34); header.write('data', 36); header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

async function startReceiver() {
  const events = [];
  const problems = [];
  const waiters = [];
  const wav = silentWav(400);
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url.startsWith('/media/')) {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': wav.length }).end(wav);
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      try {
        const event = parseCallAutomationEvent(body);
        event.receivedAt = req.url;
        events.push(event);
        waiters.slice().forEach((w) => w.check());
      } catch (e) {
        problems.push(`${req.url}: ${e.message}: ${body.slice(0, 300)}`);
      }
      res.writeHead(200).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;

  /** The first event (received at any time) matching the predicate, within the timeout. */
  function waitFor(description, predicate, timeoutMs = 8000) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check() {
          const found = events.find(predicate);
          if (found) {
            clearTimeout(waiter.timer);
            waiters.splice(waiters.indexOf(waiter), 1);
            resolve(found);
          }
        },
      };
      waiter.timer = setTimeout(() => {
        waiters.splice(waiters.indexOf(waiter), 1);
        const seen = events.map((e) => `${e.kind}(${e.operationContext ?? ''})`).join(', ');
        reject(new Error(`timed out waiting for ${description}; received: ${seen}`));
      }, timeoutMs);
      waiters.push(waiter);
      waiter.check();
    });
  }

  return {
    callbackUri: `${base}/callbacks`,
    operationCallbackUri: `${base}/operations`,
    mediaUri: `${base}/media/prompt.wav`,
    events,
    problems,
    waitFor,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls until the condition holds, every 100 ms, for at most timeoutMs; then returns whether it holds. */
async function until(condition, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (!condition() && Date.now() < deadline) {
    await sleep(100);
  }
  return condition();
}

module.exports = { startReceiver, sleep, until };
