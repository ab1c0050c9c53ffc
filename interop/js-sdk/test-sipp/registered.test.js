'use strict';
// A SIP device registered as a user of the Identity API, called by its 8:acs: id, both SDKs unchanged: the identity
// SDK creates the user with a voip token; a SIPp UAC (interop/sipp/uac_register.xml) registers for it with digest,
// the token's last part (its signature) as password, naming as Contact a SIPp UAS (uas_answer.xml) that answers; the call automation SDK then
// calls the user and the UAS answers. run-sipp.sh sets SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY,
// SWITCHBOARD_SIP_PORT and SIPP_DIR.
const { test, before, after } = require('node:test');
const assert = require('node:assert/strict');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { CallAutomationClient } = require('@azure/communication-call-automation');
const { CommunicationIdentityClient } = require('@azure/communication-identity');
const { startReceiver } = require('../lib/harness');
const { freeUdpPort } = require('../lib/calling-in');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const sipPort = process.env.SWITCHBOARD_SIP_PORT;
const sippDir = process.env.SIPP_DIR;
const WAIT = 15000;

let receiver;

before(async () => {
  assert.ok(endpoint && accessKey && sipPort && sippDir,
    'SWITCHBOARD_ENDPOINT, SWITCHBOARD_ACCESS_KEY, SWITCHBOARD_SIP_PORT and SIPP_DIR must be set');
  receiver = await startReceiver();
});

after(async () => {
  await receiver?.close();
});

/** Runs SIPp with the arguments; resolves with its exit code. */
function sipp(name, args) {
  const errors = path.join(os.tmpdir(), `sipp-${name}-${process.pid}-errors.log`);
  const child = spawn('sipp', [...args, '-i', '127.0.0.1', '-m', '1', '-timeout', '60s', '-timeout_error', '-nostdin',
    '-trace_err', '-error_file', errors], { cwd: sippDir, stdio: ['ignore', 'ignore', 'inherit'] });
  return { exited: new Promise((resolve) => child.on('exit', (code) => resolve(code))), kill: () => child.kill() };
}

test('a device registered with the user\'s voip token answers a call to the user\'s 8:acs: id', async () => {
  const connection = `endpoint=${endpoint}/;accesskey=${accessKey}`;
  const identity = new CommunicationIdentityClient(connection);
  const { user, token } = await identity.createUserAndToken(['voip']);
  const userPart = user.communicationUserId.slice('8:acs:'.length);

  const [phonePort, phoneMedia, devicePort] = [await freeUdpPort(), await freeUdpPort(), await freeUdpPort()];
  const phone = sipp('phone', ['-sf', 'uas_answer.xml', '-p', String(phonePort), '-mi', '127.0.0.1', '-mp',
    String(phoneMedia)]);
  try {
    // the password is the token's last dot-separated part: devices cap password lengths, and a JWT is long
    const password = token.slice(token.lastIndexOf('.') + 1);
    const device = sipp('register', ['-sf', 'uac_register.xml', '-s', userPart, '-au', userPart, '-ap', password,
      '-key', 'contact_port', String(phonePort), '-p', String(devicePort), `127.0.0.1:${sipPort}`]);
    assert.equal(await device.exited, 0, 'SIPp registered (401, then 200)');

    const client = new CallAutomationClient(connection);
    const created = await client.createCall({ targetParticipant: user }, receiver.callbackUri);
    const callId = created.callConnectionProperties.callConnectionId;
    await receiver.waitFor('CallConnected', (e) => e.kind === 'CallConnected' && e.callConnectionId === callId, WAIT);
    const { values } = await created.callConnection.listParticipants();
    assert.equal(values[0].identifier.communicationUserId, user.communicationUserId);
    await created.callConnection.hangUp(true);
    await receiver.waitFor('CallDisconnected',
      (e) => e.kind === 'CallDisconnected' && e.callConnectionId === callId, WAIT);
    assert.equal(await phone.exited, 0, 'the registered SIPp answered the call and its BYE');
  } finally {
    phone.kill();
  }
});
