'use strict';
// A blind transfer over SIP, driven by the official JS SDK unchanged: the server calls a SIPp UAS (reached as the
// communication user SIPP_TRANSFER_USER; interop/sipp/uas_answer_refer.xml), the application transfers that
// participant to a phone number, the server sends SIPp a REFER to the number's SIP address, SIPp accepts it (202) and
// reports the transfer done (NOTIFY with sipfrag 200), the server leaves that dialog with BYE.
// run-sipp.sh starts SIPp and the server and sets SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY, SIPP_TRANSFER_USER.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const { CallAutomationClient } = require('@azure/communication-call-automation');
const { startReceiver } = require('../lib/harness');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const transferUser = process.env.SIPP_TRANSFER_USER;
const AGENT = { phoneNumber: '+14255550199' }; // reached through the SIP trunk
const WAIT = 15000;

let receiver;
let client;

before(async () => {
  assert.ok(endpoint && accessKey && transferUser,
    'SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY and SIPP_TRANSFER_USER must be set');
  receiver = await startReceiver();
  client = new CallAutomationClient(`endpoint=${endpoint}/;accesskey=${accessKey}`, { allowInsecureConnection: true });
});

after(async () => {
  await receiver?.close();
});

test('transfers a SIP participant to a phone number with REFER: CallTransferAccepted, then CallDisconnected', async () => {
  const caller = { communicationUserId: transferUser };
  const created = await client.createCall({ targetParticipant: caller }, receiver.callbackUri);
  const callId = created.callConnectionProperties.callConnectionId;
  await receiver.waitFor('CallConnected', (e) => e.kind === 'CallConnected' && e.callConnectionId === callId, WAIT);

  const result = await created.callConnection.transferCallToParticipant(AGENT, { operationContext: 'to-agent' });
  assert.equal(result.operationContext, 'to-agent');

  const accepted = await receiver.waitFor('CallTransferAccepted or CallTransferFailed',
    (e) => (e.kind === 'CallTransferAccepted' || e.kind === 'CallTransferFailed') && e.callConnectionId === callId,
    WAIT);
  assert.equal(accepted.kind, 'CallTransferAccepted', JSON.stringify(accepted.resultInformation));
  assert.equal(accepted.operationContext, 'to-agent');
  // SDK 1.6.0 hands these two over as they are on the wire (it converts only `participant` fields)
  assert.equal(accepted.transferTarget.rawId, `4:${AGENT.phoneNumber}`);
  assert.equal(accepted.transferee.rawId, transferUser);
  // the transferee was the call's only participant: the call connection ends for the application
  await receiver.waitFor('CallDisconnected', (e) => e.kind === 'CallDisconnected' && e.callConnectionId === callId,
    WAIT);
});
