'use strict';
// Calls INTO Switchboard, driven by the official JS SDK unchanged: a SIPp UAC calls the service number over SIP, the
// server posts an Event Grid IncomingCall event to the endpoint of SWITCHBOARD_INCOMING_CALL_URL (served here), and
// the application answers (then recognizes the keys the caller sends, in its RTP or as SIP INFO, and hangs up) or
// rejects it as busy; a caller that asks for a session timer (RFC 4028) checks it is granted and refreshes it.
// run-sipp.sh starts the server with SWITCHBOARD_INCOMING_CALL_URL=http://127.0.0.1:$INCOMING_PORT/incoming and sets
// SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY, SWITCHBOARD_SIP_PORT, INCOMING_PORT and SIPP_DIR.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CallAutomationClient, StreamingData } = require('@azure/communication-call-automation');
const { WebSocketServer } = require('ws');
const { startReceiver, until } = require('../lib/harness');
const { SERVICE, startEventGrid, callIn } = require('../lib/calling-in');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const sipPort = process.env.SWITCHBOARD_SIP_PORT;
const incomingPort = Number(process.env.INCOMING_PORT);
const sippDir = process.env.SIPP_DIR;
const WAIT = 15000;

let receiver;
let eventGrid;
let client;

before(async () => {
  assert.ok(endpoint && accessKey && sipPort && incomingPort && sippDir,
    'SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY, SWITCHBOARD_SIP_PORT, INCOMING_PORT and SIPP_DIR must be set');
  receiver = await startReceiver();
  eventGrid = await startEventGrid(incomingPort);
  client = new CallAutomationClient(`endpoint=${endpoint}/;accesskey=${accessKey}`, { allowInsecureConnection: true });
});

after(async () => {
  await receiver?.close();
  await eventGrid?.close();
});

/** The first IncomingCall from the caller among those received after the first `since` events. */
function incomingFrom(caller, since) {
  return eventGrid.waitFor((e) => eventGrid.events.indexOf(e) >= since
    && e.eventType === 'Microsoft.Communication.IncomingCall'
    && e.data?.from?.rawId === `4:${caller}`, `IncomingCall from ${caller}`, WAIT);
}

/**
 * A SIPp caller (the scenario's number and display name) answered through the SDK, its keys 1 5 # recognized (sent
 * 3 s after its ACK, however the scenario sends them), then hung up by the application.
 */
async function answerRecognizeAndHangUp(scenario, number, displayName) {
  const since = eventGrid.events.length;
  const caller = callIn(sippDir, sipPort, scenario);
  const event = await incomingFrom(number, since);
  assert.equal(event.eventType, 'Microsoft.Communication.IncomingCall');
  assert.equal(event.subject, `/caller/4:${number}/recipient/4:${SERVICE}`);
  assert.equal(event.data.to.phoneNumber.value, SERVICE);
  assert.equal(event.data.callerDisplayName, displayName);

  const answered = await client.answerCall(event.data.incomingCallContext, receiver.callbackUri,
    { operationContext: 'inbound' });
  const callId = answered.callConnectionProperties.callConnectionId;
  assert.equal(answered.callConnectionProperties.callConnectionState, 'connecting');
  assert.equal(answered.callConnectionProperties.targetParticipants[0].phoneNumber, number);
  const connected = await receiver.waitFor('CallConnected',
    (e) => e.kind === 'CallConnected' && e.callConnectionId === callId, WAIT);
  assert.equal(connected.operationContext, 'inbound');

  // SIPp sends 1 5 # 3 s after its ACK: the recognition is armed well before
  await answered.callConnection.getCallMedia().startRecognizing({ phoneNumber: number }, {
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
}

test('answers a call from SIPp, recognizes the keys the caller sends, and hangs up', async () => {
  await answerRecognizeAndHangUp('uac_call_in_dtmf.xml', '+14255550123', 'Alice');
});

test('recognizes the keys of a caller that sends them as SIP INFO (application/dtmf-relay), as some PBXs do',
  async () => {
    await answerRecognizeAndHangUp('uac_call_in_dtmf_info.xml', '+14255550126', 'Dana');
  });

test('answers with media streaming as the voice-agent sample does: the caller\'s audio and keys reach the agent',
  async () => {
    const agent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
    await new Promise((resolve) => agent.once('listening', resolve));
    const parsed = [];
    agent.on('connection', (ws) => ws.on('message', (data) => {
      const result = StreamingData.parse(data);
      parsed.push({ kind: StreamingData.getStreamingKind(), result });
    }));
    try {
      const since = eventGrid.events.length;
      const caller = callIn(sippDir, sipPort, 'uac_call_in_dtmf.xml');
      const event = await incomingFrom('+14255550123', since);
      const answered = await client.answerCall(event.data.incomingCallContext, receiver.callbackUri, {
        mediaStreamingOptions: {
          transportUrl: `ws://127.0.0.1:${agent.address().port}/agent`,
          transportType: 'websocket',
          contentType: 'audio',
          audioChannelType: 'unmixed',
          startMediaStreaming: true,
          enableBidirectional: true,
          audioFormat: 'Pcm16KMono',
          enableDtmfTones: true,
        },
      });
      const callId = answered.callConnectionProperties.callConnectionId;
      await receiver.waitFor('MediaStreamingStarted',
        (e) => e.kind === 'MediaStreamingStarted' && e.callConnectionId === callId, WAIT);

      // SIPp sends 1 5 # 3 s after its ACK
      await until(() => parsed.filter((p) => p.kind === 'DtmfData').length >= 3, WAIT);
      assert.equal(parsed[0].kind, 'AudioMetadata');
      assert.ok(parsed.filter((p) => p.kind === 'AudioData').length > 50, 'the caller\'s audio, 50 frames a second');
      assert.ok(parsed.filter((p) => p.kind === 'AudioData')
        .every((p) => p.result.participant.phoneNumber === '+14255550123'));
      assert.deepEqual(parsed.filter((p) => p.kind === 'DtmfData').map((p) => p.result.data), ['1', '5', '#']);

      await answered.callConnection.hangUp(true);
      await receiver.waitFor('MediaStreamingStopped',
        (e) => e.kind === 'MediaStreamingStopped' && e.callConnectionId === callId, WAIT);
      assert.equal(await caller, 0, 'SIPp caller: every message as scripted');
    } finally {
      agent.close();
    }
  });

test('rejects a call as busy: the SIPp caller gets 486, and the context cannot be used again', async () => {
  const since = eventGrid.events.length;
  const caller = callIn(sippDir, sipPort, 'uac_call_in_rejected.xml');
  const event = await incomingFrom('+14255550124', since);

  await client.rejectCall(event.data.incomingCallContext, { callRejectReason: 'busy' });

  assert.equal(await caller, 0, 'SIPp caller: 486 received');
  await assert.rejects(client.answerCall(event.data.incomingCallContext, receiver.callbackUri),
    (e) => e.statusCode === 404);
});

test('answers a caller that asks for a session timer: granted with the caller as refresher, refreshed, hung up by it',
  async () => {
    const since = eventGrid.events.length;
    const caller = callIn(sippDir, sipPort, 'uac_call_in_session_timer.xml');
    const event = await incomingFrom('+14255550125', since);

    const answered = await client.answerCall(event.data.incomingCallContext, receiver.callbackUri);
    const callId = answered.callConnectionProperties.callConnectionId;
    await receiver.waitFor('CallConnected', (e) => e.kind === 'CallConnected' && e.callConnectionId === callId, WAIT);

    // SIPp checks Session-Expires: 1800;refresher=uac and Require: timer in the 200 OK, refreshes, then hangs up
    assert.equal(await caller, 0, 'SIPp caller: the timer granted, its refresh granted again, its BYE answered');
    await receiver.waitFor('CallDisconnected', (e) => e.kind === 'CallDisconnected' && e.callConnectionId === callId,
      WAIT);
  });
