'use strict';
// The official Identity SDK (@azure/communication-identity, pinned) against a running Switchboard: users and their
// access tokens as the samples create them before they call or answer for them.
// Needs SWITCHBOARD_ENDPOINT and SWITCHBOARD_ACCESS_KEY; run.sh sets both.
const { test } = require('node:test');
const assert = require('node:assert/strict');
const { CommunicationIdentityClient } = require('@azure/communication-identity');

const endpoint = process.env.SWITCHBOARD_ENDPOINT;
const accessKey = process.env.SWITCHBOARD_ACCESS_KEY;
const options = endpoint && endpoint.startsWith('https:') ? {} : { allowInsecureConnection: true };
const identity = new CommunicationIdentityClient(`endpoint=${endpoint}/;accesskey=${accessKey}`, options);

function claims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

test('creates users, with and without a token', async () => {
  const user = await identity.createUser();
  assert.match(user.communicationUserId, /^8:acs:[0-9a-f-]{36}_[0-9a-f-]{36}$/);

  const { user: other, token, expiresOn } = await identity.createUserAndToken(['voip'], { tokenExpiresInMinutes: 60 });
  assert.notEqual(other.communicationUserId, user.communicationUserId);
  const inAnHour = Date.now() + 60 * 60 * 1000;
  assert.ok(Math.abs(expiresOn.getTime() - inAnHour) < 5 * 60 * 1000, `expiresOn ${expiresOn.toISOString()}`);
  const payload = claims(token);
  assert.equal(payload.sub, other.communicationUserId);
  assert.equal(payload.scp, 'voip');
  assert.equal(payload.exp, Math.floor(expiresOn.getTime() / 1000));
});

test('issues tokens, revokes them and deletes the user', async () => {
  const user = await identity.createUser();
  const { token, expiresOn } = await identity.getToken(user, ['chat', 'voip']);
  assert.equal(claims(token).scp, 'chat voip');
  assert.ok(expiresOn.getTime() > Date.now() + 23 * 60 * 60 * 1000, 'the default expiry is 24 h');

  await identity.revokeTokens(user);
  await identity.deleteUser(user);
  await assert.rejects(identity.getToken(user, ['voip']), (error) => {
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /^id: 8:acs:/);
    return true;
  });
});

test('refuses an unknown scope and a Teams user exchange with the ACS error shape', async () => {
  const user = await identity.createUser();
  await assert.rejects(identity.getToken(user, ['admin']), (error) => {
    assert.equal(error.statusCode, 400);
    assert.match(error.message, /scopes: admin/);
    return true;
  });
  await assert.rejects(identity.getTokenForTeamsUser({ teamsUserAadToken: 't', clientId: 'c', userObjectId: 'u' }),
    (error) => {
      assert.equal(error.statusCode, 400);
      assert.match(error.message, /teamsUser: not supported/);
      return true;
    });
});
