'use strict';
// The official JS SDK (@azure/communication-call-automation, pinned) against a running Switchboard with its
// sandbox phone network: +15550100001 answers; +15550100002 answers and presses 1 500 ms after each prompt.
// Needs SWITCHBOARD_ENDPOINT (e.g. http://127.0.0.1:8080) and SWITCHBOARD_ACCESS_KEY (base64); run.sh sets both.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CallAutomationClient, StreamingData, createOutboundAudioData, createOutboundStopAudioData } =
  require('@azure/communication-call-automation');
const { WebSocketServer } = require('ws');
const { startReceiver, sleep, until } = require('../lib/harness');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const ALICE = { phoneNumber: '+15550100001' };
const BOB = { phoneNumber: '+15550100002' };
const SAYS_YES = { phoneNumber: '+15550100004' };
const SAYS_BILL = { phoneNumber: '+15550100005' };
const CALLER_ID = { phoneNumber: '+18005550100' };

let receiver;
let client;
let connection;
let callId;

const ofCall = (kind, extra = () => true) => (e) => e.kind === kind && e.callConnectionId === callId && extra(e);

before(async () => {
  assert.ok(endpoint && accessKey, 'SWITCHBOARD_ENDPOINT and SWITCHBOARD_ACCESS_KEY must be set');
  receiver = await startReceiver();
  // over https the client is built as the published samples build it; plain http needs allowInsecureConnection
  const options = endpoint.startsWith('https:') ? {} : { allowInsecureConnection: true };
  client = new CallAutomationClient(`endpoint=${endpoint}/;accesskey=${accessKey}`, options);
});

after(async () => {
  await receiver?.close();
});

test('creates a call to a sandbox number and receives CallConnected', async () => {
  const result = await client.createCall({ targetParticipant: ALICE, sourceCallIdNumber: CALLER_ID },
    receiver.callbackUri, { operationContext: 'create' });
  callId = result.callConnectionProperties.callConnectionId;
  assert.ok(callId);
  assert.equal(result.callConnectionProperties.callConnectionState, 'connecting');
  connection = result.callConnection;
  await receiver.waitFor('CallConnected', ofCall('CallConnected'));
});

test('reads the call and lists its participants', async () => {
  const properties = await connection.getCallConnectionProperties();
  assert.equal(properties.callConnectionState, 'connected');
  assert.equal(properties.targetParticipants[0].phoneNumber, '+15550100001');
  const { values } = await connection.listParticipants();
  assert.equal(values.length, 1);
  assert.equal(values[0].identifier.phoneNumber, '+15550100001');
  assert.equal(values[0].isMuted, false);
});

test('adds a participant and reads it', async () => {
  const added = await connection.addParticipant({ targetParticipant: BOB, sourceCallIdNumber: CALLER_ID },
    { operationContext: 'add-bob' });
  assert.ok(added.invitationId);
  const succeeded = await receiver.waitFor('AddParticipantSucceeded', ofCall('AddParticipantSucceeded'));
  assert.equal(succeeded.operationContext, 'add-bob');
  assert.equal(succeeded.participant.phoneNumber, '+15550100002');
  const bob = await connection.getParticipant(BOB);
  assert.equal(bob.identifier.phoneNumber, '+15550100002');
  const { values } = await connection.listParticipants();
  assert.equal(values.length, 2);
});

test('plays a file to everyone and to one participant', async () => {
  const media = connection.getCallMedia();
  const prompt = { kind: 'fileSource', url: receiver.mediaUri };
  await media.playToAll([prompt], { operationContext: 'play-all' });
  await receiver.waitFor('PlayCompleted play-all', ofCall('PlayCompleted', (e) => e.operationContext === 'play-all'));
  await media.play([prompt], [ALICE], { operationContext: 'play-alice' });
  await receiver.waitFor('PlayCompleted play-alice',
    ofCall('PlayCompleted', (e) => e.operationContext === 'play-alice'));
});

test('speaks a TextSource and an SsmlSource, and plays several sources in a row', async () => {
  const media = connection.getCallMedia();
  await media.playToAll([{ kind: 'textSource', text: 'Power is out in your area.', sourceLocale: 'en-US',
    voiceName: 'en-US-NancyNeural' }], { operationContext: 'text' });
  await receiver.waitFor('PlayCompleted text', ofCall('PlayCompleted', (e) => e.operationContext === 'text'));
  await media.playToAll([{ kind: 'ssmlSource',
    ssmlText: '<speak version="1.0" xml:lang="en-US">Press <say-as interpret-as="digits">1</say-as></speak>' }],
  { operationContext: 'ssml' });
  await receiver.waitFor('PlayCompleted ssml', ofCall('PlayCompleted', (e) => e.operationContext === 'ssml'));
  await media.playToAll([{ kind: 'textSource', text: 'Attention.' }, { kind: 'fileSource', url: receiver.mediaUri }],
    { operationContext: 'both' });
  await receiver.waitFor('PlayCompleted both', ofCall('PlayCompleted', (e) => e.operationContext === 'both'));
});

test('records the call, as the OutboundCalling sample does: started by serverCallId, paused, resumed, stopped',
  async () => {
    const properties = await connection.getCallConnectionProperties();
    const recording = client.getCallRecording();
    const started = await recording.start({ callLocator: { id: properties.serverCallId, kind: 'serverCallLocator' } });
    assert.equal(started.recordingState, 'active');
    await connection.getCallMedia().playToAll([{ kind: 'textSource', text: 'This call is recorded.' }],
      { operationContext: 'recorded' });
    await receiver.waitFor('PlayCompleted recorded',
      ofCall('PlayCompleted', (e) => e.operationContext === 'recorded'));
    await recording.pause(started.recordingId);
    assert.equal((await recording.getState(started.recordingId)).recordingState, 'inactive');
    await recording.resume(started.recordingId);
    await recording.stop(started.recordingId);
    await receiver.waitFor('RecordingStateChanged inactive after the resume', () => receiver.events.filter(
      ofCall('RecordingStateChanged')).length === 4);
    assert.deepEqual(receiver.events.filter(ofCall('RecordingStateChanged')).map((e) => e.state),
      ['active', 'inactive', 'active', 'inactive']);
    await assert.rejects(recording.start({ callLocator: { id: 'no-such-call', kind: 'serverCallLocator' } }),
      (e) => e.statusCode === 404);
    await assert.rejects(recording.start({ callLocator: { id: properties.serverCallId, kind: 'serverCallLocator' },
      recordingFormat: 'mp3' }), (e) => e.statusCode === 400 && /recordingFormatType: mp3/.test(e.message));
  });

test('cancels a looped play', async () => {
  const media = connection.getCallMedia();
  await media.play([{ kind: 'fileSource', url: receiver.mediaUri }], [ALICE],
    { loop: true, operationContext: 'loop', operationCallbackUrl: receiver.operationCallbackUri });
  await media.cancelAllOperations();
  const canceled = await receiver.waitFor('PlayCanceled', ofCall('PlayCanceled'));
  assert.equal(canceled.operationContext, 'loop');
  assert.equal(canceled.receivedAt, '/operations');
});

test('recognizes a DTMF key pressed after a prompt', async () => {
  await sleep(800); // let +15550100002's key presses after the earlier plays pass
  await connection.getCallMedia().startRecognizing(BOB, 1, {
    playPrompt: { kind: 'fileSource', url: receiver.mediaUri },
    initialSilenceTimeoutInSeconds: 5,
    interToneTimeoutInSeconds: 2,
    operationContext: 'menu',
    kind: 'callMediaRecognizeDtmfOptions',
  });
  const completed = await receiver.waitFor('RecognizeCompleted', ofCall('RecognizeCompleted'));
  assert.equal(completed.operationContext, 'menu');
  assert.deepEqual(completed.dtmfResult.tones, ['one']);
  assert.equal(completed.resultInformation.subCode, 8531);
});

test('recognizes a choice by its key, after a spoken prompt', async () => {
  await sleep(800); // let +15550100002's key press after the earlier prompt pass
  await connection.getCallMedia().startRecognizing(BOB, {
    kind: 'callMediaRecognizeChoiceOptions',
    choices: [{ label: 'Confirm', phrases: ['Confirm', 'One'], tone: 'one' },
      { label: 'Cancel', phrases: ['Cancel', 'Two'], tone: 'two' }],
    playPrompt: { kind: 'textSource', text: 'Press one to confirm, two to cancel.', sourceLocale: 'en-US' },
    initialSilenceTimeoutInSeconds: 5,
    operationContext: 'choose',
  });
  const completed = await receiver.waitFor('RecognizeCompleted choose',
    ofCall('RecognizeCompleted', (e) => e.operationContext === 'choose'));
  assert.equal(completed.choiceResult.label, 'Confirm');
  assert.equal(completed.resultInformation.subCode, 8533);
});

test('fails a recognition on initial silence', async () => {
  await connection.getCallMedia().startRecognizing(ALICE, 1, {
    initialSilenceTimeoutInSeconds: 1,
    operationContext: 'silence',
    kind: 'callMediaRecognizeDtmfOptions',
  });
  const failed = await receiver.waitFor('RecognizeFailed', ofCall('RecognizeFailed'));
  assert.equal(failed.resultInformation.subCode, 8510);
});

test('reports DTMF tones continuously until stopped', async () => {
  const media = connection.getCallMedia();
  await media.startContinuousDtmfRecognition(BOB, { operationContext: 'dtmf' });
  await media.play([{ kind: 'fileSource', url: receiver.mediaUri }], [BOB], { operationContext: 'nudge' });
  const tone = await receiver.waitFor('ContinuousDtmfRecognitionToneReceived',
    ofCall('ContinuousDtmfRecognitionToneReceived'));
  assert.equal(tone.tone, 'one');
  await media.stopContinuousDtmfRecognition(BOB, { operationContext: 'dtmf-stop' });
  await receiver.waitFor('ContinuousDtmfRecognitionStopped', ofCall('ContinuousDtmfRecognitionStopped'));
});

test('sends DTMF tones', async () => {
  const result = await connection.getCallMedia().sendDtmfTones(['one', 'two', 'pound'], ALICE,
    { operationContext: 'send' });
  assert.equal(result.operationContext, 'send');
  const sent = await receiver.waitFor('SendDtmfTonesCompleted', ofCall('SendDtmfTonesCompleted'));
  assert.equal(sent.operationContext, 'send');
});

test('mutes a participant', async () => {
  const result = await connection.muteParticipant(ALICE, { operationContext: 'mute' });
  assert.equal(result.operationContext, 'mute');
  const alice = await connection.getParticipant(ALICE);
  assert.equal(alice.isMuted, true);
});

test('holds and unholds a participant', async () => {
  const media = connection.getCallMedia();
  await media.hold(BOB, { playSource: { kind: 'fileSource', url: receiver.mediaUri }, operationContext: 'hold' });
  assert.equal((await connection.getParticipant(BOB)).isOnHold, true);
  await media.unhold(BOB, { operationContext: 'unhold' });
  assert.equal((await connection.getParticipant(BOB)).isOnHold, false);
});

test('removes a participant', async () => {
  const result = await connection.removeParticipant(BOB, { operationContext: 'remove-bob' });
  assert.equal(result.operationContext, 'remove-bob');
  const removed = await receiver.waitFor('RemoveParticipantSucceeded', ofCall('RemoveParticipantSucceeded'));
  assert.equal(removed.participant.phoneNumber, '+15550100002');
});

test('terminates the call for everyone', async () => {
  await connection.hangUp(true);
  await receiver.waitFor('CallDisconnected', ofCall('CallDisconnected'));
});

test('hangs up (leaves) another call with DELETE', async () => {
  const result = await client.createCall({ targetParticipant: ALICE, sourceCallIdNumber: CALLER_ID },
    receiver.callbackUri);
  const id = result.callConnectionProperties.callConnectionId;
  await receiver.waitFor('CallConnected', (e) => e.kind === 'CallConnected' && e.callConnectionId === id);
  await result.callConnection.hangUp(false);
  await receiver.waitFor('CallDisconnected', (e) => e.kind === 'CallDisconnected' && e.callConnectionId === id);
});

test('moves a participant from one call into another, as the MoveParticipants sample does', async () => {
  const connected = async (target, context) => {
    const result = await client.createCall({ targetParticipant: target, sourceCallIdNumber: CALLER_ID },
      receiver.callbackUri, { operationContext: context });
    const id = result.callConnectionProperties.callConnectionId;
    await receiver.waitFor(`CallConnected ${context}`, (e) => e.kind === 'CallConnected' && e.callConnectionId === id);
    return { id, connection: result.callConnection };
  };
  const lobby = await connected(BOB, 'lobby');
  const agent = await connected(ALICE, 'agent');

  const moved = await agent.connection.moveParticipants([BOB], lobby.id, { operationContext: 'move-bob' });

  assert.equal(moved.fromCall, lobby.id);
  assert.equal(moved.operationContext, 'move-bob');
  assert.deepEqual(moved.participants.map((p) => p.identifier.phoneNumber).sort(), ['+15550100001', '+15550100002']);
  const succeeded = await receiver.waitFor('MoveParticipantSucceeded',
    (e) => e.kind === 'MoveParticipantSucceeded' && e.callConnectionId === agent.id);
  assert.equal(succeeded.participant.phoneNumber, '+15550100002');
  assert.equal(succeeded.fromCall, lobby.id);
  assert.equal(succeeded.operationContext, 'move-bob');
  assert.equal(succeeded.resultInformation.code, 200);
  // the lobby, left without participants, ends; the agent's call has both
  await receiver.waitFor('CallDisconnected lobby',
    (e) => e.kind === 'CallDisconnected' && e.callConnectionId === lobby.id);
  const { values } = await agent.connection.listParticipants();
  assert.equal(values.length, 2);
  // a participant the other call does not have is refused, naming it
  const other = await connected(SAYS_YES, 'other');
  await assert.rejects(agent.connection.moveParticipants([{ phoneNumber: '+15550100009' }], other.id), (error) => {
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, '8522');
    assert.match(error.message, /\+15550100009/);
    return true;
  });
  await other.connection.hangUp(true);
  await agent.connection.hangUp(true);
  await receiver.waitFor('CallDisconnected agent',
    (e) => e.kind === 'CallDisconnected' && e.callConnectionId === agent.id);
});

test('connects a second application to a call by its serverCallId; it controls the call under its own id', async () => {
  const first = await client.createCall({ targetParticipant: ALICE, sourceCallIdNumber: CALLER_ID },
    receiver.callbackUri, { operationContext: 'first' });
  const id = first.callConnectionProperties.callConnectionId;
  await receiver.waitFor('CallConnected first', (e) => e.kind === 'CallConnected' && e.callConnectionId === id);
  const { serverCallId } = await first.callConnection.getCallConnectionProperties();
  const other = await startReceiver();
  try {
    const connected = await client.connectCall({ kind: 'serverCallLocator', id: serverCallId }, other.callbackUri,
      { operationContext: 'second' });
    const secondId = connected.callConnectionProperties.callConnectionId;
    assert.notEqual(secondId, id);
    assert.equal(connected.callConnectionProperties.serverCallId, serverCallId);
    const hello = await other.waitFor('CallConnected second',
      (e) => e.kind === 'CallConnected' && e.callConnectionId === secondId);
    assert.equal(hello.operationContext, 'second');
    // the second application adds a participant through its own connection; both applications hear of it, and the
    // second alone of its operation's result
    await connected.callConnection.addParticipant({ targetParticipant: BOB, sourceCallIdNumber: CALLER_ID },
      { operationContext: 'second-adds' });
    const two = (e) => e.kind === 'ParticipantsUpdated' && e.participants.length === 2;
    await receiver.waitFor('ParticipantsUpdated first', (e) => two(e) && e.callConnectionId === id);
    await other.waitFor('ParticipantsUpdated second', (e) => two(e) && e.callConnectionId === secondId);
    await other.waitFor('AddParticipantSucceeded second', (e) => e.kind === 'AddParticipantSucceeded'
      && e.callConnectionId === secondId && e.operationContext === 'second-adds');
    // it plays a loop, which holds the call's media: the first may not play over it
    await connected.callConnection.getCallMedia().playToAll([{ kind: 'fileSource', url: receiver.mediaUri }],
      { loop: true, operationContext: 'second-loop' });
    const firstMedia = first.callConnection.getCallMedia();
    await assert.rejects(firstMedia.playToAll([{ kind: 'textSource', text: 'Go on.' }], { operationContext: 'over' }),
      (e) => e.statusCode === 400 && /already running/.test(e.message));
    // it leaves alone: the call goes on for the first, its loop stops with it, and the first may play at once
    await connected.callConnection.hangUp(false);
    await other.waitFor('CallDisconnected second',
      (e) => e.kind === 'CallDisconnected' && e.callConnectionId === secondId);
    assert.equal((await first.callConnection.getCallConnectionProperties()).callConnectionState, 'connected');
    await firstMedia.playToAll([{ kind: 'textSource', text: 'Go on.' }], { operationContext: 'first-after' });
    await receiver.waitFor('PlayCompleted first-after', (e) => e.kind === 'PlayCompleted' && e.callConnectionId === id
      && e.operationContext === 'first-after');
    await first.callConnection.hangUp(true);
    await receiver.waitFor('CallDisconnected first', (e) => e.kind === 'CallDisconnected' && e.callConnectionId === id);
    // the first's events come in order: had the second's result been told to it, it would be here by now
    assert.deepEqual(receiver.events.filter((e) => e.operationContext === 'second-adds').map((e) => e.kind), []);
    // the loop of the second, which left, is told to nobody
    assert.deepEqual([...receiver.events, ...other.events].filter((e) => e.operationContext === 'second-loop')
      .map((e) => e.kind), []);
    assert.deepEqual(other.problems, []);
  } finally {
    await other.close();
  }
});

test('recognizes a choice said by the callee, as the OutboundCalling sample asks for it', async () => {
  const result = await client.createCall({ targetParticipant: SAYS_YES, sourceCallIdNumber: CALLER_ID },
    receiver.callbackUri);
  const id = result.callConnectionProperties.callConnectionId;
  await receiver.waitFor('CallConnected yes', (e) => e.kind === 'CallConnected' && e.callConnectionId === id);
  await result.callConnection.getCallMedia().startRecognizing(SAYS_YES, {
    kind: 'callMediaRecognizeChoiceOptions',
    choices: [{ label: 'Confirm', phrases: ['Confirm', 'First', 'One', 'Yes'], tone: 'one' },
      { label: 'Cancel', phrases: ['Cancel', 'Second', 'Two', 'No'], tone: 'two' }],
    playPrompt: { kind: 'textSource', text: 'Say confirm or cancel.', voiceName: 'en-US-NancyNeural' },
    interruptPrompt: false,
    initialSilenceTimeoutInSeconds: 10,
    operationContext: 'said',
  });
  const completed = await receiver.waitFor('RecognizeCompleted said',
    (e) => e.kind === 'RecognizeCompleted' && e.callConnectionId === id, 20000);
  assert.equal(completed.operationContext, 'said');
  assert.equal(completed.recognitionType, 'choices');
  assert.equal(completed.choiceResult.label, 'Confirm');
  assert.equal(completed.choiceResult.recognizedPhrase, 'Yes');
  assert.ok(completed.choiceResult.confidence >= 0 && completed.choiceResult.confidence <= 1);
  assert.equal(completed.resultInformation.subCode, 8545);
  await result.callConnection.hangUp(true);
});

test('transcribes free speech, and speech or keys', async () => {
  const result = await client.createCall({ targetParticipant: SAYS_BILL, sourceCallIdNumber: CALLER_ID },
    receiver.callbackUri);
  const id = result.callConnectionProperties.callConnectionId;
  const ofThisCall = (kind, context) => (e) => e.kind === kind && e.callConnectionId === id
    && e.operationContext === context;
  await receiver.waitFor('CallConnected bill', (e) => e.kind === 'CallConnected' && e.callConnectionId === id);
  const media = result.callConnection.getCallMedia();
  await media.startRecognizing(SAYS_BILL, {
    kind: 'callMediaRecognizeSpeechOptions',
    endSilenceTimeoutInSeconds: 1,
    playPrompt: { kind: 'textSource', text: 'How can I help you?' },
    operationContext: 'speech',
  });
  // the free-speech model loads on the server's first use of it (seconds on a busy machine)
  const speech = await receiver.waitFor('RecognizeCompleted speech', ofThisCall('RecognizeCompleted', 'speech'),
    30000);
  assert.equal(speech.recognitionType, 'speech');
  assert.match(speech.speechResult.speech, /^i would like to pay/);
  await media.startRecognizing(SAYS_BILL, {
    kind: 'callMediaRecognizeSpeechOrDtmfOptions',
    maxTonesToCollect: 1,
    endSilenceTimeoutInSeconds: 1,
    operationContext: 'either',
  });
  const either = await receiver.waitFor('RecognizeCompleted either', ofThisCall('RecognizeCompleted', 'either'),
    20000);
  assert.equal(either.recognitionType, 'speech');
  await assert.rejects(media.startRecognizing(SAYS_BILL, {
    kind: 'callMediaRecognizeSpeechOptions', speechLanguage: 'de-DE' }),
  (e) => e.statusCode === 400 && /speechLanguage: de-DE/.test(e.message));
  await result.callConnection.hangUp(true);
});

test('streams the callee to a WebSocket agent, read by the SDK\'s StreamingData parser, as the voice-agent '
  + 'samples set it up', async () => {
  // the agent: a WebSocket server whose messages the SDK parses, as Microsoft's samples do
  const agent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => agent.once('listening', resolve));
  const parsed = [];
  let socket;
  agent.on('connection', (ws) => {
    socket = ws;
    ws.on('message', (data) => {
      const result = StreamingData.parse(data);
      parsed.push({ kind: StreamingData.getStreamingKind(), result });
    });
  });
  try {
    const result = await client.createCall({ targetParticipant: SAYS_BILL, sourceCallIdNumber: CALLER_ID },
      receiver.callbackUri, {
        mediaStreamingOptions: {
          transportUrl: `ws://127.0.0.1:${agent.address().port}/agent`,
          transportType: 'websocket',
          contentType: 'audio',
          audioChannelType: 'unmixed',
          startMediaStreaming: true,
          enableBidirectional: true,
          audioFormat: 'Pcm16KMono',
        },
      });
    const id = result.callConnectionProperties.callConnectionId;
    const started = await receiver.waitFor('MediaStreamingStarted',
      (e) => e.kind === 'MediaStreamingStarted' && e.callConnectionId === id, 15000);
    assert.equal(started.mediaStreamingUpdate.mediaStreamingStatus, 'mediaStreamingStarted');
    const properties = await result.callConnection.getCallConnectionProperties();
    assert.equal(properties.mediaStreamingSubscription.state, 'active');
    assert.deepEqual(properties.mediaStreamingSubscription.subscribedContentTypes, ['audio']);

    // the phone's words arrive as its audio
    await until(() => parsed.some((p) => p.kind === 'AudioData' && !p.result.isSilent), 15000);
    assert.equal(parsed[0].kind, 'AudioMetadata');
    assert.equal(parsed[0].result.sampleRate, 16000);
    assert.equal(parsed[0].result.encoding, 'PCM');
    const spoken = parsed.find((p) => p.kind === 'AudioData' && !p.result.isSilent);
    assert.ok(spoken, 'a frame of speech');
    assert.equal(spoken.result.participant.phoneNumber, SAYS_BILL.phoneNumber);
    assert.equal(Buffer.from(spoken.result.data, 'base64').length, 640);

    // the agent talks back and interrupts itself, with the SDK's own helpers, then the app stops the stream
    socket.send(createOutboundAudioData(Buffer.alloc(3200).toString('base64')));
    socket.send(createOutboundStopAudioData());
    await result.callConnection.getCallMedia().stopMediaStreaming({ operationContext: 'stop-stream' });
    const stopped = await receiver.waitFor('MediaStreamingStopped',
      (e) => e.kind === 'MediaStreamingStopped' && e.callConnectionId === id);
    assert.equal(stopped.operationContext, 'stop-stream');
    await assert.rejects(result.callConnection.getCallMedia().stopMediaStreaming(),
      (e) => e.statusCode === 400 && /not started/.test(e.message));
    await result.callConnection.hangUp(true);
  } finally {
    agent.close();
  }
});

test('transcribes the callee live as the live-transcription sample does, read by the SDK\'s parser', async () => {
  const agent = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise((resolve) => agent.once('listening', resolve));
  const parsed = [];
  agent.on('connection', (ws) => ws.on('message', (data) => parsed.push(StreamingData.parse(data))));
  try {
    const result = await client.createCall({ targetParticipant: SAYS_BILL, sourceCallIdNumber: CALLER_ID },
      receiver.callbackUri, {
        transcriptionOptions: {
          transportUrl: `ws://127.0.0.1:${agent.address().port}/text`,
          transportType: 'websocket',
          locale: 'en-US',
          startTranscription: false,
        },
      });
    const id = result.callConnectionProperties.callConnectionId;
    const ofThisCall = (kind) => (e) => e.kind === kind && e.callConnectionId === id;
    await receiver.waitFor('CallConnected transcribed', ofThisCall('CallConnected'));
    const before = await result.callConnection.getCallConnectionProperties();
    assert.equal(before.transcriptionSubscription.state, 'inactive');
    const media = result.callConnection.getCallMedia();
    await media.startTranscription({ locale: 'en-US', operationContext: 'startTranscriptionContext' });
    const started = await receiver.waitFor('TranscriptionStarted', ofThisCall('TranscriptionStarted'), 15000);
    assert.equal(started.operationContext, 'startTranscriptionContext');
    assert.equal(started.transcriptionUpdate.transcriptionStatus, 'transcriptionStarted');

    // the callee's words, as the sample reads them: metadata has a locale, data a text
    await until(() => parsed.some((p) => 'text' in p), 60000);
    assert.ok('locale' in parsed[0], 'TranscriptionMetadata first');
    assert.equal(parsed[0].locale, 'en-US');
    assert.equal(parsed[0].callConnectionId, id);
    const data = parsed.find((p) => 'text' in p);
    assert.ok(data, 'a TranscriptionData');
    assert.match(data.text, /^i would like to pay/);
    assert.equal(data.resultState, 'Final');
    assert.equal(data.participant.phoneNumber, SAYS_BILL.phoneNumber);
    assert.ok(data.words.length >= 4 && data.durationInTicks > 0);

    await media.updateTranscription('en-US', { operationContext: 'update' });
    await receiver.waitFor('TranscriptionUpdated', ofThisCall('TranscriptionUpdated'));
    await media.stopTranscription({ operationContext: 'nextRecognizeContext' });
    const stopped = await receiver.waitFor('TranscriptionStopped', ofThisCall('TranscriptionStopped'));
    assert.equal(stopped.operationContext, 'nextRecognizeContext');
    await assert.rejects(media.updateTranscription('de-DE'), (e) => e.statusCode === 400);
    await result.callConnection.hangUp(true);
  } finally {
    agent.close();
  }
});

test('an unknown call is a RestError with code 8522', async () => {
  await assert.rejects(client.getCallConnection('no-such-call').getCallConnectionProperties(), (error) => {
    assert.equal(error.name, 'RestError');
    assert.equal(error.statusCode, 404);
    assert.equal(error.code, '8522');
    return true;
  });
});

test('every callback was parsed by the SDK', () => {
  assert.deepEqual(receiver.problems, []);
});
