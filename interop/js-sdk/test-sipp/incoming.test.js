'use strict';
// Calls INTO Switchboard, driven by the official JS SDK unchanged: a SIPp UAC calls the service number over SIP, the
// server posts an Event Grid IncomingCall event to the endpoint of SWITCHBOARD_INCOMING_CALL_URL (served here), and
// the application answers (then recognizes the keys the caller sends and hangs up) or rejects it as busy.
// run-sipp.sh starts the server with SWITCHBOARD_INCOMING_CALL_URL=http://127.0.0.1:$INCOMING_PORT/incoming and sets
// SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY, SWITCHBOARD_SIP_PORT, INCOMING_PORT and SIPP_DIR.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const dgram = require('node:dgram');
const { spawn } = require('node:child_process');
const { CallAutomationClient } = require('@azure/communication-call-automation');
const { startReceiver } = require('../lib/harness');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const sipPort = process.env.SWITCHBOARD_SIP_PORT;
const incomingPort = Number(process.env.INCOMING_PORT);
const sippDir = process.env.SIPP_DIR;
const SERVICE = '+18005550100'; // the number the SIPp caller dials
const WAIT = 15000;

let receiver;
let eventGrid;
let client;
const incoming = [];

/** The Event Grid subscription endpoint: keeps every event of every POST (each a JSON array). */
function startEventGrid() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      JSON.parse(Buffer.concat(chunks).toString('utf8')).forEach((e) => incoming.push(e));
      res.writeHead(200).end();
    });
  });
  return new Promise((resolve) => server.listen(incomingPort, '127.0.0.1', () => resolve(server)));
}

async function waitForIncoming(from, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const found = incoming.find((e) => e.data?.from?.rawId === `4:${from}`);
    if (found) {
      return found;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no IncomingCall from ${from} within ${timeoutMs} ms; got ${JSON.stringify(incoming)}`);
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

/** Starts a SIPp UAC with a scenario of interop/sipp calling the service number once; resolves with its exit code. */
async function callIn(scenario) {
  const [port, media] = [await freeUdpPort(), await freeUdpPort()];
  const sipp = spawn('sipp', ['-sf', scenario, '-s', SERVICE, `127.0.0.1:${sipPort}`, '-i', '127.0.0.1', '-p',
    String(port), '-mi', '127.0.0.1', '-mp', String(media), '-m', '1', '-timeout', '60s', '-timeout_error',
    '-nostdin', '-trace_err', '-error_file', path.join(os.tmpdir(), `sipp-${scenario}-${port}-errors.log`)],
  { cwd: sippDir, stdio: ['ignore', 'ignore', 'inherit'] });
  return new Promise((resolve) => sipp.on('exit', (code) => resolve(code)));
}

before(async () => {
  assert.ok(endpoint && accessKey && sipPort && incomingPort && sippDir,
    'SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY, SWITCHBOARD_SIP_PORT, INCOMING_PORT and SIPP_DIR must be set');
  receiver = await startReceiver();
  eventGrid = await startEventGrid();
  client = new CallAutomationClient(`endpoint=${endpoint}/;accesskey=${accessKey}`, { allowInsecureConnection: true });
});

after(async () => {
  await receiver?.close();
  await new Promise((resolve) => (eventGrid ? eventGrid.close(resolve) : resolve()));
});

test('answers a call from SIPp, recognizes the keys the caller sends, and hangs up', async () => {
  const caller = callIn('uac_call_in_dtmf.xml');
  const event = await waitForIncoming('+14255550123', WAIT);
  assert.equal(event.eventType, 'Microsoft.Communication.IncomingCall');
  assert.equal(event.subject, `/caller/4:+14255550123/recipient/4:${SERVICE}`);
  assert.equal(event.data.to.phoneNumber.value, SERVICE);
  assert.equal(event.data.callerDisplayName, 'Alice');

  const answered = await client.answerCall(event.data.incomingCallContext, receiver.callbackUri,
    { operationContext: 'inbound' });
  const callId = answered.callConnectionProperties.callConnectionId;
  assert.equal(answered.callConnectionProperties.callConnectionState, 'connecting');
  assert.equal(answered.callConnectionProperties.targetParticipants[0].phoneNumber, '+14255550123');
  const connected = await receiver.waitFor('CallConnected',
    (e) => e.kind === 'CallConnected' && e.callConnectionId === callId, WAIT);
  assert.equal(connected.operationContext, 'inbound');

  // SIPp sends 1 5 # 3 s after its ACK: the recognition is armed well before
  await answered.callConnection.getCallMedia().startRecognizing({ phoneNumber: '+14255550123' }, {
    kind: 'callMediaRecognizeDtmfOptions', maxTonesToCollect: 3, stopDtmfTones: ['pound'],
    initialSilenceTimeoutInSeconds: 15, interToneTimeoutInSeconds: 5, operationContext: 'menu',
  });
  const recognized = await receiver.waitFor('RecognizeCompleted',
    (e) => (e.kind === 'RecognizeCompleted' || e.kind === 'RecognizeFailed') && e.callConnectionId === callId,
    WAIT + 5000);
  assert.equal(recognized.kind, 'RecognizeCompleted', JSON.stringify(recognized.resultInformation));
  assert.deepEqual(recognized.dtmfResult.tones, ['one', 'five']);

  await answered.callConnection.hangUp(true);
  await receiver.waitFor('CallDisconnected', (e) => e.kind === 'CallDisconnected' && e.callConnectionId === callId,
    WAIT);
  assert.equal(await caller, 0, 'SIPp caller: every message as scripted (answered, BYE received)');
});

test('rejects a call as busy: the SIPp caller gets 486, and the context cannot be used again', async () => {
  const caller = callIn('uac_call_in_rejected.xml');
  const event = await waitForIncoming('+14255550124', WAIT);

  await client.rejectCall(event.data.incomingCallContext, { callRejectReason: 'busy' });

  assert.equal(await caller, 0, 'SIPp caller: 486 received');
  await assert.rejects(client.answerCall(event.data.incomingCallContext, receiver.callbackUri),
    (e) => e.statusCode === 404);
});
