'use strict';
// The baresip interop run (started by run.sh, which sets the environment below): Switchboard against baresip, a
// real softphone, over SIP and RTP on 127.0.0.1. This file is the application: it serves the callback endpoint, the
// Event Grid endpoint of SWITCHBOARD_INCOMING_CALL_URL and a prompt, drives the GA API with signed requests (ACS's
// HMAC scheme, written out below so that nothing needs npm), and drives baresip through its ctrl_tcp socket, from
// which it also reads baresip's call events. Node 18+ standard library only. Exit code 0 only if every check held.
//
//   SB_ENDPOINT      http://127.0.0.1:<port> of the server      SB_ACCESS_KEY    its base64 access key
//   SB_SIP_PORT      the server's SIP port (UDP)                RECEIVER_PORT    where this file listens
//   BARESIP_CTRL     ctrl_tcp port of baresip                   BARESIP_USER     the 8:acs: id routed to baresip
//   BARESIP_HEARD    the folder where baresip's sndfile module records the audio it received
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const http = require('node:http');
const net = require('node:net');
const fs = require('node:fs');
const path = require('node:path');

const endpoint = process.env.SB_ENDPOINT;
const accessKey = Buffer.from(process.env.SB_ACCESS_KEY || '', 'base64');
const sipPort = process.env.SB_SIP_PORT;
const receiverPort = Number(process.env.RECEIVER_PORT);
const baresipCtrl = Number(process.env.BARESIP_CTRL);
const baresipUser = process.env.BARESIP_USER;
const heardDir = process.env.BARESIP_HEARD; // baresip's sndfile module writes what it decodes there (*-dec.wav)
const API = 'api-version=2025-05-15';
const SERVICE = '+18005550100'; // the number baresip dials in scenario B
const WAIT = 15000; // every event here follows its cause within a second or two; 15 s leaves room on a busy CI

const started = Date.now();
const log = (message) => console.log(`drive.js +${((Date.now() - started) / 1000).toFixed(1)}s ${message}`);

/** Things that arrive over time (callbacks, Event Grid events, baresip events), and a bounded wait for one. */
class Inbox {
  constructor(name) { this.name = name; this.items = []; this.waiters = []; }

  push(item) {
    this.items.push(item);
    this.waiters.slice().forEach((w) => w.check());
  }

  /** The first item (received at any time) matching the predicate; rejects after timeoutMs listing what came. */
  waitFor(description, predicate, timeoutMs = WAIT) {
    return new Promise((resolve, reject) => {
      const waiter = {
        check: () => {
          const found = this.items.find(predicate);
          if (!found) return;
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          clearTimeout(waiter.timer);
          resolve(found);
        },
      };
      waiter.timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`${this.name}: no ${description} within ${timeoutMs} ms; received: ${this.summary()}`));
      }, timeoutMs);
      this.waiters.push(waiter);
      waiter.check();
    });
  }

  summary() { return this.items.map((i) => i.type).join(', ') || 'nothing'; }
}

const callbacks = new Inbox('callbacks'); // GA callbacks: { type (without the Microsoft.Communication. prefix), data }
const eventGrid = new Inbox('Event Grid'); // IncomingCall events as posted
const phone = new Inbox('baresip'); // baresip's ctrl_tcp events: { type: 'CALL_ESTABLISHED', ... }
const badSignatures = [];

// ---- the application's HTTP endpoint ------------------------------------------------------------------------------

const CHIME = [660, 880]; // Hz: the prompt is 500 ms of each

/** 1 s two-tone chime, 16-bit PCM mono 16 kHz: a format ACS documents for file play sources. */
function chimeWav() {
  const rate = 16000;
  const samples = rate;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) {
    const hz = CHIME[i < samples / 2 ? 0 : 1];
    data.writeInt16LE(Math.round(6000 * Math.sin(2 * Math.PI * hz * i / rate)), i * 2);
  }
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8); h.write('fmt ', 12);
  h.writeUInt32LE(16, 16); h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(rate, 24);
  h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34); h.write('data', 36);
  h.writeUInt32LE(data.length, 40);
  return Buffer.concat([h, data]);
}

/** README "Webhooks": v1=base64(HMAC-SHA256(key, id + "." + timestamp + "." + body)). */
function signatureOk(req, body) {
  const id = req.headers['x-switchboard-event-id'] || '';
  const ts = req.headers['x-switchboard-timestamp'] || '';
  const mac = crypto.createHmac('sha256', accessKey).update(`${id}.${ts}.`).update(body).digest('base64');
  const expected = Buffer.from(`v1=${mac}`);
  const got = Buffer.from(req.headers['x-switchboard-signature'] || '');
  return expected.length === got.length && crypto.timingSafeEqual(expected, got)
    && Math.abs(Date.now() / 1000 - Number(ts)) < 300;
}

function startReceiver() {
  const prompt = chimeWav();
  const server = http.createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/media/prompt.wav') {
      res.writeHead(200, { 'Content-Type': 'audio/wav', 'Content-Length': prompt.length }).end(prompt);
      return;
    }
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      if (!signatureOk(req, body)) badSignatures.push(`${req.url} ${body.toString('utf8').slice(0, 200)}`);
      let parsed;
      try { parsed = JSON.parse(body.toString('utf8')); } catch (e) { parsed = null; }
      if (req.url === '/incoming') {
        // Event Grid delivers a JSON array of events
        eventGrid.push({ type: Array.isArray(parsed) ? 'array' : 'not-an-array', events: parsed });
      } else if (req.url === '/callbacks' && Array.isArray(parsed)) {
        // GA callbacks: a one-element array holding a CloudEvent
        for (const e of parsed) {
          const type = String(e.type).replace('Microsoft.Communication.', '');
          log(`callback ${type} ${JSON.stringify(e.data.resultInformation ?? e.data.tone ?? '')}`);
          callbacks.push({ type, data: e.data });
        }
      }
      res.writeHead(200).end();
    });
  });
  return new Promise((resolve) => server.listen(receiverPort, '127.0.0.1', () => resolve(server)));
}

// ---- the GA API, signed as the ACS SDKs sign -----------------------------------------------------------------------

/** One signed request; resolves { status, body } (body parsed when JSON). */
async function acs(method, pathAndQuery, body) {
  const text = body === undefined ? '' : JSON.stringify(body);
  const url = new URL(pathAndQuery, endpoint);
  const date = new Date().toUTCString();
  const hash = crypto.createHash('sha256').update(text).digest('base64');
  const toSign = `${method}\n${url.pathname}${url.search}\n${date};${url.host};${hash}`;
  const signature = crypto.createHmac('sha256', accessKey).update(toSign).digest('base64');
  const res = await fetch(url, {
    method,
    headers: {
      'x-ms-date': date,
      'x-ms-content-sha256': hash,
      Authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}`,
      ...(text ? { 'Content-Type': 'application/json' } : {}),
    },
    body: text || undefined,
    signal: AbortSignal.timeout(WAIT),
  });
  const raw = await res.text();
  let parsed = raw;
  try { parsed = raw ? JSON.parse(raw) : ''; } catch (e) { /* not JSON: keep the text for the message */ }
  log(`${method} ${url.pathname} -> ${res.status}`);
  return { status: res.status, body: parsed };
}

async function expectStatus(status, method, pathAndQuery, body) {
  const res = await acs(method, pathAndQuery, body);
  assert.equal(res.status, status, `${method} ${pathAndQuery}: ${JSON.stringify(res.body)}`);
  return res.body;
}

// ---- baresip's ctrl_tcp: netstring-framed JSON both ways -----------------------------------------------------------

function connectBaresip() {
  const socket = net.connect(baresipCtrl, '127.0.0.1');
  const responses = new Map();
  let buffer = Buffer.alloc(0);
  let nextToken = 1;
  socket.on('data', (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) { // netstring: <length>:<payload>,
      const colon = buffer.indexOf(':');
      if (colon < 0) return;
      const length = Number(buffer.subarray(0, colon).toString('ascii'));
      if (buffer.length < colon + 1 + length + 1) return;
      const message = JSON.parse(buffer.subarray(colon + 1, colon + 1 + length).toString('utf8'));
      buffer = buffer.subarray(colon + 1 + length + 1);
      if (message.event) {
        log(`baresip ${message.type} ${message.param ?? ''}`);
        phone.push(message);
      } else if (message.response && responses.has(message.token)) {
        responses.get(message.token)(message);
        responses.delete(message.token);
      }
    }
  });
  /** Sends one command; resolves with baresip's response ({ ok, data }). */
  const command = (name, params) => new Promise((resolve, reject) => {
    const token = String(nextToken++);
    const timer = setTimeout(() => reject(new Error(`baresip: no response to ${name} within 5 s`)), 5000);
    responses.set(token, (m) => { clearTimeout(timer); resolve(m); });
    const payload = Buffer.from(JSON.stringify({ command: name, params, token }));
    socket.write(Buffer.concat([Buffer.from(`${payload.length}:`), payload, Buffer.from(',')]));
  });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve({ command, close: () => socket.destroy() }));
    socket.once('error', reject);
  });
}

// ---- what baresip heard -------------------------------------------------------------------------------------------

/** The 16-bit samples of a WAV file's data chunk (to the end of the file: the header's size may not be final). */
function wavSamples(file) {
  const b = fs.readFileSync(file);
  for (let i = 12; i + 8 <= b.length; i += 8 + b.readUInt32LE(i + 4)) {
    if (b.toString('ascii', i, i + 4) === 'data') {
      const data = b.subarray(i + 8, i + 8 + Math.floor((b.length - i - 8) / 2) * 2);
      return Array.from({ length: data.length / 2 }, (_, k) => data.readInt16LE(k * 2));
    }
  }
  return [];
}

/**
 * Milliseconds of each chime frequency in 8 kHz audio: 20 ms frames, loud (RMS over 1000) and with most of their
 * energy at that frequency (Goertzel: 2|X(f)|^2 / (N * sum x^2) is about 1 for a pure tone, about 0 for others).
 */
function chimeMillis(samples) {
  const N = 160;
  const found = CHIME.map(() => 0);
  for (let start = 0; start + N <= samples.length; start += N) {
    const frame = samples.slice(start, start + N);
    const energy = frame.reduce((sum, x) => sum + x * x, 0);
    if (energy / N < 1000 * 1000) continue;
    CHIME.forEach((hz, k) => {
      const coeff = 2 * Math.cos(2 * Math.PI * hz / 8000);
      let s1 = 0;
      let s2 = 0;
      for (const x of frame) { const s0 = x + coeff * s1 - s2; s2 = s1; s1 = s0; }
      const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
      if (2 * power / (N * energy) > 0.5) found[k] += 20;
    });
  }
  return found;
}

/** Waits (at most 3 s: baresip closes the file when the call ends) until its recording holds the chime. */
async function heardChime() {
  let millis = CHIME.map(() => 0);
  let files = [];
  for (const deadline = Date.now() + 3000; Date.now() < deadline;) {
    files = fs.readdirSync(heardDir).filter((f) => f.endsWith('-dec.wav'));
    if (files.length === 1) {
      millis = chimeMillis(wavSamples(path.join(heardDir, files[0])));
      if (millis.every((ms) => ms >= 300)) return millis;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`baresip's recording ${files.join(', ') || '(none)'}: ${millis.join(' ms and ')} ms of the `
    + `${CHIME.join(' and ')} Hz halves of the prompt (expected: at least 300 ms of each)`);
}

// ---- the scenarios -------------------------------------------------------------------------------------------------

const ofCall = (id, type, extra = () => true) => (e) => e.type === type && e.data.callConnectionId === id && extra(e);
/** A baresip event of this type received after the mark (phone.items.length when the scenario began). */
const phoneEvent = (type, mark) => (e, index) => index >= mark && e.type === type;

/** A: the server calls baresip (a communication user routed by SWITCHBOARD_SIP_USERS); DTMF in, a prompt out. */
async function outbound(baresip, receiverBase) {
  const mark = phone.items.length;
  const target = { kind: 'communicationUser', communicationUser: { id: baresipUser } };
  const created = await expectStatus(201, 'POST', `/calling/callConnections?${API}`,
    { targets: [target], callbackUri: `${receiverBase}/callbacks`, operationContext: 'outbound' });
  const id = created.callConnectionId;
  assert.ok(id, `create: no callConnectionId in ${JSON.stringify(created)}`);

  // Proves: the INVITE reached baresip at its configured SIP address, baresip auto-answered, the server's ACK
  // completed the dialog on both sides and the application was told.
  await phone.waitFor('CALL_ESTABLISHED (outbound)', phoneEvent('CALL_ESTABLISHED', mark));
  const connected = await callbacks.waitFor('CallConnected', ofCall(id, 'CallConnected'));
  assert.equal(connected.data.operationContext, 'outbound');
  // Proves: the server's RTP reaches the port of baresip's SDP answer (baresip saw the incoming stream).
  await phone.waitFor('CALL_RTPESTAB (outbound)', phoneEvent('CALL_RTPESTAB', mark));

  // Proves: a key pressed on a real softphone (baresip's RFC 4733 telephone-event) is decoded by the server and
  // reported for the right participant.
  await expectStatus(200, 'POST', `/calling/callConnections/${id}:startContinuousDtmfRecognition?${API}`,
    { targetParticipant: target, operationContext: 'keys' });
  const sent = await baresip.command('sndcode', '7');
  assert.equal(sent.ok, true, `sndcode: ${JSON.stringify(sent)}`);
  const tone = await callbacks.waitFor('ContinuousDtmfRecognitionToneReceived',
    ofCall(id, 'ContinuousDtmfRecognitionToneReceived'));
  assert.equal(tone.data.tone, 'seven', JSON.stringify(tone.data));
  await new Promise((r) => setTimeout(r, 500)); // the end packets of the digit must not count as a second press
  const tones = callbacks.items.filter(ofCall(id, 'ContinuousDtmfRecognitionToneReceived'));
  assert.equal(tones.length, 1, `one key press, one tone: ${JSON.stringify(tones.map((t) => t.data))}`);

  // Proves: the server fetched the prompt from the application, decoded and played it out to the RTP leg to its end.
  await expectStatus(202, 'POST', `/calling/callConnections/${id}:play?${API}`,
    { playSources: [{ kind: 'file', file: { uri: `${receiverBase}/media/prompt.wav` } }], operationContext: 'chime' });
  const played = await callbacks.waitFor('PlayCompleted', (e) => ofCall(id, 'PlayCompleted')(e)
    || ofCall(id, 'PlayFailed')(e));
  assert.equal(played.type, 'PlayCompleted', JSON.stringify(played.data.resultInformation));
  assert.equal(played.data.operationContext, 'chime');
  // baresip's jitter buffer still holds the last frames when PlayCompleted arrives: let them play out
  await new Promise((r) => setTimeout(r, 300));

  // Proves: terminate sends a BYE baresip accepts (its call closes) and the application gets CallDisconnected.
  await expectStatus(204, 'POST', `/calling/callConnections/${id}:terminate?${API}`, {});
  const ended = await callbacks.waitFor('CallDisconnected', ofCall(id, 'CallDisconnected'));
  assert.equal(ended.data.resultInformation?.subCode, 7000, JSON.stringify(ended.data.resultInformation));
  await phone.waitFor('CALL_CLOSED (outbound)', phoneEvent('CALL_CLOSED', mark));

  // Proves: the prompt reached the softphone as audio, PCMU-encoded, paced and decodable: baresip's own recording
  // of what it received holds both halves of the chime.
  const millis = await heardChime();
  log(`baresip heard ${millis.join(' ms and ')} ms of the ${CHIME.join(' and ')} Hz halves of the prompt`);
}

/** B: baresip calls the server's SIP address; the application learns of it through Event Grid and answers. */
async function inbound(baresip, receiverBase) {
  const mark = phone.items.length;
  const dialed = await baresip.command('dial', `sip:${SERVICE}@127.0.0.1:${sipPort}`);
  assert.equal(dialed.ok, true, `dial: ${JSON.stringify(dialed)}`);

  // Proves: the INVITE is announced as ACS announces it: an Event Grid array with an IncomingCall event.
  const post = await eventGrid.waitFor('IncomingCall POST', () => true);
  assert.equal(post.type, 'array', `the Event Grid body must be a JSON array: ${JSON.stringify(post.events)}`);
  const incoming = post.events[0];
  assert.equal(incoming.eventType, 'Microsoft.Communication.IncomingCall', JSON.stringify(incoming));
  assert.equal(incoming.data.to.rawId, `4:${SERVICE}`, JSON.stringify(incoming.data.to));
  // baresip's From (sip:callee@127.0.0.1:<port>) is the SIP address of a configured user: it maps back to its id
  assert.equal(incoming.data.from.rawId, baresipUser, JSON.stringify(incoming.data.from));
  assert.ok(incoming.data.incomingCallContext, 'incomingCallContext');
  // the caller hears ringing until the application answers (a 180 makes baresip report CALL_RINGING)
  await phone.waitFor('CALL_RINGING (inbound)', phoneEvent('CALL_RINGING', mark));

  // Proves: answering with the context gives 200 and a call, the 200 OK reaches baresip and CallConnected follows.
  const answered = await expectStatus(200, 'POST', `/calling/callConnections:answer?${API}`,
    { incomingCallContext: incoming.data.incomingCallContext, callbackUri: `${receiverBase}/callbacks`,
      operationContext: 'inbound' });
  const id = answered.callConnectionId;
  assert.ok(id, `answer: no callConnectionId in ${JSON.stringify(answered)}`);
  const connected = await callbacks.waitFor('CallConnected', ofCall(id, 'CallConnected'));
  assert.equal(connected.data.operationContext, 'inbound');
  await phone.waitFor('CALL_ESTABLISHED (inbound)', phoneEvent('CALL_ESTABLISHED', mark));
  // Proves: the server's RTP reaches the port of baresip's SDP offer.
  await phone.waitFor('CALL_RTPESTAB (inbound)', phoneEvent('CALL_RTPESTAB', mark));

  // Proves: a BYE from the softphone ends the call and the application is told.
  const hungUp = await baresip.command('hangup', '');
  assert.equal(hungUp.ok, true, `hangup: ${JSON.stringify(hungUp)}`);
  const ended = await callbacks.waitFor('CallDisconnected', ofCall(id, 'CallDisconnected'));
  assert.equal(ended.data.resultInformation?.subCode, 5001, JSON.stringify(ended.data.resultInformation));
  await phone.waitFor('CALL_CLOSED (inbound)', phoneEvent('CALL_CLOSED', mark));
}

/** Proves: no call is left behind on the server (GET /health, unsigned, within 5 s). */
async function noActiveCalls() {
  let health;
  for (const deadline = Date.now() + 5000; Date.now() < deadline;) {
    health = await (await fetch(`${endpoint}/health`, { signal: AbortSignal.timeout(WAIT) })).json();
    if (health.activeCalls === 0) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.fail(`calls left on the server: ${JSON.stringify(health)}`);
}

async function main() {
  assert.ok(endpoint && accessKey.length && sipPort && receiverPort && baresipCtrl && baresipUser && heardDir,
    'SB_ENDPOINT, SB_ACCESS_KEY, SB_SIP_PORT, RECEIVER_PORT, BARESIP_CTRL, BARESIP_USER and BARESIP_HEARD must be set');
  const receiver = await startReceiver();
  const receiverBase = `http://127.0.0.1:${receiverPort}`;
  const baresip = await connectBaresip();
  try {
    log('scenario A: the server calls baresip');
    await outbound(baresip, receiverBase);
    log('scenario A passed');
    log('scenario B: baresip calls the server');
    await inbound(baresip, receiverBase);
    log('scenario B passed');
    await noActiveCalls();
    // Proves: every callback and Event Grid POST was signed with the access key.
    assert.deepEqual(badSignatures, [], 'requests with a bad X-Switchboard-Signature');
  } finally {
    baresip.close();
    receiver.close();
  }
}

main().then(() => {
  log('PASSED');
  process.exit(0);
}, (e) => {
  console.error(`drive.js FAILED: ${e.stack || e}`);
  console.error(`drive.js callbacks: ${callbacks.summary()}; baresip events: ${phone.summary()}`);
  process.exit(1);
});
