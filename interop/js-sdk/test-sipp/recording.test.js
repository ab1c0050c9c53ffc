'use strict';
// Call recording through the official JS SDK, unchanged: a SIPp caller (uac_call_in_dtmf.xml, RFC 4733 keys) is
// answered, recorded unmixed while a spoken prompt plays, paused and resumed, then the recording is stopped; the
// RecordingStateChanged callbacks come, the Event Grid endpoint gets RecordingFileStatusUpdated, and the file is
// downloaded (whole and by range), its metadata read, and deleted, with the SDK's CallRecording.
// SDK 1.6.0 downloads only from Microsoft's recording hosts (a check in the SDK, before any request), so the
// downloads use SDK 1.5.1, which is otherwise the same client; control uses 1.6.0. Both over https, as the SDK
// downloads over https only.
// run-sipp.sh sets SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY, SWITCHBOARD_SIP_PORT, INCOMING_PORT and SIPP_DIR
// (the server's SWITCHBOARD_INCOMING_CALL_URL points at INCOMING_PORT, and recording events go there too).
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { CallAutomationClient } = require('@azure/communication-call-automation');
const { CallAutomationClient: CallAutomationClient15 } = require('call-automation-1-5');
const { startReceiver } = require('../lib/harness');
const { startEventGrid, callIn } = require('../lib/calling-in');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const sipPort = process.env.SWITCHBOARD_SIP_PORT;
const incomingPort = Number(process.env.INCOMING_PORT);
const sippDir = process.env.SIPP_DIR;
const CALLER = '+14255550123';
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

test('records a call, pauses and resumes it, and downloads, reads and deletes the file', async () => {
  const caller = callIn(sippDir, sipPort, 'uac_call_in_dtmf.xml');
  const offered = await eventGrid.waitFor((e) => e.eventType === 'Microsoft.Communication.IncomingCall'
    && e.data?.from?.rawId === `4:${CALLER}`, 'IncomingCall', WAIT);
  const answered = await client.answerCall(offered.data.incomingCallContext, receiver.callbackUri);
  const callId = answered.callConnectionProperties.callConnectionId;
  const serverCallId = answered.callConnectionProperties.serverCallId;
  await receiver.waitFor('CallConnected', (e) => e.kind === 'CallConnected' && e.callConnectionId === callId, WAIT);
  // SIPp sends its keys 3 s after its ACK and takes a BYE only after them: the call is hung up once they came
  await answered.callConnection.getCallMedia().startContinuousDtmfRecognition({ phoneNumber: CALLER });
  const recording = client.getCallRecording();
  const stateCallback = `${receiver.callbackUri}/recording`;
  const recordingEvents = (state) => receiver.events.filter((e) => e.kind === 'RecordingStateChanged'
    && e.callConnectionId === callId && (state === undefined || e.state === state));

  // start: unmixed WAV audio, its state reported to its own callback
  const started = await recording.start({
    callLocator: { id: serverCallId, kind: 'serverCallLocator' }, recordingStateCallbackEndpointUrl: stateCallback,
    recordingContent: 'audio', recordingChannel: 'unmixed', recordingFormat: 'wav',
  });
  assert.equal(started.recordingState, 'active');
  assert.ok(started.recordingId);
  const active = await receiver.waitFor('RecordingStateChanged active',
    (e) => e.kind === 'RecordingStateChanged' && e.callConnectionId === callId && e.state === 'active', WAIT);
  assert.equal(active.recordingId, started.recordingId);
  assert.equal(active.receivedAt, '/callbacks/recording');
  assert.ok(active.startDateTime);

  // a prompt is spoken into the recorded call (SIPp sends its keys meanwhile)
  await answered.callConnection.getCallMedia().playToAll([{ kind: 'textSource', text: 'This call is recorded.' }],
    { operationContext: 'notice' });
  await receiver.waitFor('PlayCompleted', (e) => e.kind === 'PlayCompleted' && e.callConnectionId === callId, WAIT);

  await recording.pause(started.recordingId);
  assert.equal((await recording.getState(started.recordingId)).recordingState, 'inactive');
  await recording.resume(started.recordingId);
  assert.equal((await recording.getState(started.recordingId)).recordingState, 'active');
  await assert.rejects(recording.start({ callLocator: { id: serverCallId, kind: 'serverCallLocator' } }),
    (e) => e.statusCode === 400 && /already being recorded/.test(e.message));

  await recording.stop(started.recordingId);
  await assert.rejects(recording.getState(started.recordingId), (e) => e.statusCode === 404);
  const status = await eventGrid.waitFor((e) => e.eventType === 'Microsoft.Communication.RecordingFileStatusUpdated',
    'RecordingFileStatusUpdated', WAIT);
  assert.deepEqual(recordingEvents().map((e) => e.state), ['active', 'inactive', 'active', 'inactive']);

  const chunk = status.data.recordingStorageInfo.recordingChunks[0];
  assert.equal(chunk.endReason, 'RecordingStopped');
  assert.ok(status.data.recordingDurationMs > 500, `recordingDurationMs ${status.data.recordingDurationMs}`);
  assert.equal(status.data.channelType, 'Unmixed');

  // download with the SDK: the whole file, a byte range, the metadata; then delete it
  const downloads = new CallAutomationClient15(`endpoint=${endpoint}/;accesskey=${accessKey}`).getCallRecording();
  const file = path.join(os.tmpdir(), `switchboard-recording-${process.pid}.wav`);
  try {
    await downloads.downloadToPath(chunk.contentLocation, file);
    const wav = fs.readFileSync(file);
    assert.equal(wav.toString('latin1', 0, 4), 'RIFF');
    assert.equal(wav.toString('latin1', 8, 12), 'WAVE');
    assert.equal(wav.readUInt16LE(22), 5, 'channels: 4 for participants, 1 for the prompts');
    assert.equal(wav.readUInt32LE(24), 8000, 'sample rate');
    assert.equal(wav.readUInt32LE(40), wav.length - 44, 'the data size the header declares');
    const seconds = (wav.length - 44) / (8000 * 2 * 5);
    assert.ok(Math.abs(seconds * 1000 - status.data.recordingDurationMs) <= 40,
      `file of ${seconds} s for recordingDurationMs ${status.data.recordingDurationMs}`);
    assert.ok(rms(wav, 5, 4) > 100, 'the spoken prompt is on the last channel');

    // SDK 1.5.1 refuses offset 0 with a length: bytes 1-43
    const header = await streamed(await downloads.downloadStreaming(chunk.contentLocation, { offset: 1, length: 43 }));
    assert.deepEqual(header, wav.subarray(1, 44));

    const metadata = JSON.parse(await streamed(await downloads.downloadStreaming(chunk.metadataLocation)));
    assert.equal(metadata.chunkDocumentId, chunk.documentId);
    assert.equal(metadata.callId, serverCallId);
    assert.deepEqual(metadata.participants, [{ participantId: `4:${CALLER}`, channel: 0 }]);

    await downloads.delete(chunk.deleteLocation);
    await assert.rejects(downloads.downloadToPath(chunk.contentLocation, file), (e) => e.status === 404);
  } finally {
    fs.rmSync(file, { force: true });
  }

  await receiver.waitFor('the caller\'s #', (e) => e.kind === 'ContinuousDtmfRecognitionToneReceived'
    && e.callConnectionId === callId && e.tone === 'pound', WAIT);
  await answered.callConnection.hangUp(true);
  await receiver.waitFor('CallDisconnected', (e) => e.kind === 'CallDisconnected' && e.callConnectionId === callId,
    WAIT);
  assert.equal(await caller, 0, 'SIPp caller: every message as scripted');
  assert.deepEqual(receiver.problems, []);
});

/** The root mean square of one channel of 16-bit interleaved PCM after the 44-byte header. */
function rms(wav, channels, channel) {
  let sum = 0;
  let n = 0;
  for (let at = 44 + channel * 2; at + 1 < wav.length; at += channels * 2) {
    const sample = wav.readInt16LE(at);
    sum += sample * sample;
    n++;
  }
  return Math.sqrt(sum / Math.max(1, n));
}

/** What a readable stream (what downloadStreaming resolves to) holds, as a Buffer. */
async function streamed(stream) {
  const chunks = [];
  for await (const chunk of stream) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}
