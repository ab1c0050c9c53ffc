'use strict';
// The official JS SDK (@azure/communication-call-automation, pinned) against a running Switchboard whose SIP trunk
// is a SIPp process (interop/sipp/uas_answer_dtmf_delayed.xml: answers PCMU + telephone-event, 3 s after the ACK
// sends the keys 1 5 # as RFC 4733 events, answers our BYE), plus a second SIPp process that is always busy
// (interop/sipp/uas_busy.xml) reached as a communication user through SWITCHBOARD_SIP_USERS.
// run-sipp.sh starts all of it and sets SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY and SIPP_BUSY_USER.
// Not under test/: the sandbox mode (npm test) must not pick it up.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CallAutomationClient } = require('@azure/communication-call-automation');
const { startReceiver } = require('../lib/harness');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const busyUser = process.env.SIPP_BUSY_USER;
const CALLEE = { phoneNumber: '+14255550123' }; // any phone number outside the sandbox block goes to the trunk
const CALLER_ID = { phoneNumber: '+18005550100' };
const WAIT = 15000; // generous: every event here comes within a few seconds of its cause

let receiver;
let client;
let connection;
let callId;

const ofCall = (kind, extra = () => true) => (e) => e.kind === kind && e.callConnectionId === callId && extra(e);

before(async () => {
  assert.ok(endpoint && accessKey && busyUser, 'SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY and SIPP_BUSY_USER must be set');
  receiver = await startReceiver();
  client = new CallAutomationClient(`endpoint=${endpoint}/;accesskey=${accessKey}`, { allowInsecureConnection: true });
});

after(async () => {
  await receiver?.close();
});

test('calls a phone number over the SIP trunk, receives CallConnected and starts recognizing DTMF', async () => {
  const result = await client.createCall({ targetParticipant: CALLEE, sourceCallIdNumber: CALLER_ID },
    receiver.callbackUri, { operationContext: 'create' });
  callId = result.callConnectionProperties.callConnectionId;
  assert.ok(callId);
  assert.equal(result.callConnectionProperties.callConnectionState, 'connecting');
  connection = result.callConnection;
  await receiver.waitFor('CallConnected', ofCall('CallConnected'), WAIT);
  // SIPp sends its keys 3 s after the ACK: the recognition is armed well before.
  await connection.getCallMedia().startRecognizing(CALLEE, {
    kind: 'callMediaRecognizeDtmfOptions',
    maxTonesToCollect: 3,
    stopDtmfTones: ['pound'],
    initialSilenceTimeoutInSeconds: 15,
    interToneTimeoutInSeconds: 5,
    operationContext: 'menu',
  });
});

test('reads the call and lists its one participant, the phone number', async () => {
  const properties = await connection.getCallConnectionProperties();
  assert.equal(properties.callConnectionState, 'connected');
  assert.equal(properties.targetParticipants[0].phoneNumber, CALLEE.phoneNumber);
  assert.equal(properties.sourceCallerIdNumber?.phoneNumber, CALLER_ID.phoneNumber);
  const { values } = await connection.listParticipants();
  assert.equal(values.length, 1);
  assert.equal(values[0].identifier.phoneNumber, CALLEE.phoneNumber);
  assert.equal(values[0].isMuted, false);
});

test('recognizes the keys SIPp sends as RFC 4733 events, # being the stop tone', async () => {
  const completed = await receiver.waitFor('RecognizeCompleted',
    (e) => (e.kind === 'RecognizeCompleted' || e.kind === 'RecognizeFailed') && e.callConnectionId === callId,
    WAIT + 5000); // beyond the 15 s initial silence timeout: a RecognizeFailed shows its reason
  assert.equal(completed.kind, 'RecognizeCompleted', JSON.stringify(completed.resultInformation));
  assert.equal(completed.operationContext, 'menu');
  assert.equal(completed.recognitionType, 'dtmf');
  assert.deepEqual(completed.dtmfResult.tones, ['one', 'five']); // the stop tone is not among the tones
  assert.equal(completed.resultInformation.code, 200);
  assert.equal(completed.resultInformation.subCode, 8514); // stop tone detected
});

test('plays a file to everyone', async () => {
  await connection.getCallMedia().playToAll([{ kind: 'fileSource', url: receiver.mediaUri }],
    { operationContext: 'play-all' });
  const completed = await receiver.waitFor('PlayCompleted play-all',
    ofCall('PlayCompleted', (e) => e.operationContext === 'play-all'), WAIT);
  assert.equal(completed.resultInformation.subCode, 0);
});

test('sends a DTMF tone to the phone', async () => {
  const result = await connection.getCallMedia().sendDtmfTones(['two'], CALLEE, { operationContext: 'send' });
  assert.equal(result.operationContext, 'send');
  const sent = await receiver.waitFor('SendDtmfTonesCompleted', ofCall('SendDtmfTonesCompleted'), WAIT);
  assert.equal(sent.operationContext, 'send');
});

test('terminates the call for everyone (SIPp answers our BYE)', async () => {
  await connection.hangUp(true);
  const disconnected = await receiver.waitFor('CallDisconnected', ofCall('CallDisconnected'), WAIT);
  assert.equal(disconnected.resultInformation.subCode, 7000);
});

test('a busy callee (SIP 486) is CreateCallFailed with subCode 8539', async () => {
  const result = await client.createCall({ targetParticipant: { communicationUserId: busyUser } },
    receiver.callbackUri, { operationContext: 'busy' });
  const id = result.callConnectionProperties.callConnectionId;
  assert.ok(id);
  const failed = await receiver.waitFor('CreateCallFailed',
    (e) => e.callConnectionId === id && (e.kind === 'CreateCallFailed' || e.kind === 'CallConnected'), WAIT);
  assert.equal(failed.kind, 'CreateCallFailed');
  assert.equal(failed.resultInformation.subCode, 8539);
  assert.equal(receiver.events.filter((e) => e.callConnectionId === id && e.kind === 'CallDisconnected').length, 0);
});

test('every callback was parsed by the SDK', () => {
  assert.deepEqual(receiver.problems, []);
});
