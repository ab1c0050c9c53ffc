// The web console in headless Chromium against a running server (started by ../run.sh): log in with the access key,
// see a sandbox call appear live, follow its story, hang it up, page through many calls, read figures and settings.
// A screenshot of every page goes to out/ (the CI artifact).
'use strict';

const { test, before, after } = require('node:test');
const assert = require('node:assert');
const fs = require('node:fs');
const path = require('node:path');
const crypto = require('node:crypto');
const net = require('node:net');
const puppeteer = require('puppeteer-core');

const base = process.env.SWITCHBOARD_ENDPOINT;
const key = process.env.SWITCHBOARD_ACCESS_KEY;
const out = path.join(__dirname, '..', 'out');
const WAIT = 20000;
let browser;
let page;

async function shot(name) {
  await page.screenshot({ path: path.join(out, name + '.png'), fullPage: true });
}

async function visible(selector) {
  await page.waitForSelector(selector + ':not([hidden])', { timeout: WAIT });
}

// A request signed as the ACS SDKs sign (HMAC-SHA256 over method, path, date, host and content hash).
async function signed(method, pathAndQuery, payload) {
  const url = new URL(pathAndQuery, base);
  const body = payload === undefined ? '' : JSON.stringify(payload);
  const date = new Date().toUTCString();
  const hash = crypto.createHash('sha256').update(body).digest('base64');
  const toSign = `${method}\n${url.pathname}${url.search}\n${date};${url.host};${hash}`;
  const signature = crypto.createHmac('sha256', Buffer.from(key, 'base64')).update(toSign).digest('base64');
  const response = await fetch(url, { method, body: payload === undefined ? undefined : body, headers: {
    'Content-Type': 'application/json', 'x-ms-date': date, 'x-ms-content-sha256': hash,
    Authorization: `HMAC-SHA256 SignedHeaders=x-ms-date;host;x-ms-content-sha256&Signature=${signature}` } });
  const text = await response.text();
  return { status: response.status, json: text ? JSON.parse(text) : {} };
}

async function createGaCall(target, callbackUri) {
  const created = await signed('POST', '/calling/callConnections?api-version=2025-05-15', {
    targets: [{ kind: 'phoneNumber', phoneNumber: { value: target } }],
    sourceCallerIdNumber: { value: '+18005550100' }, callbackUri });
  assert.strictEqual(created.status, 201, JSON.stringify(created.json));
  return created.json.callConnectionId;
}

async function closedPort() {
  const server = net.createServer();
  await new Promise(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address();
  await new Promise(resolve => server.close(resolve));
  return port;
}

before(async () => {
  assert.ok(base && key, 'SWITCHBOARD_ENDPOINT and SWITCHBOARD_ACCESS_KEY are set by run.sh');
  fs.mkdirSync(out, { recursive: true });
  browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', '--disable-gpu'],
  });
  page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 900 });
  page.on('pageerror', error => { throw new Error('the page threw: ' + error.message); });
});

after(async () => {
  if (browser) await browser.close();
});

test('refuses a wrong key, then lets the access key in', async () => {
  await page.goto(base + '/console/', { waitUntil: 'domcontentloaded' });
  await visible('#login');
  await page.type('#access-key', 'd3Jvbmcta2V5LXdyb25nLWtleS13cm9uZy1rZXktMDE=');
  await page.click('#login-form button[type=submit]');
  await page.waitForFunction(() => document.getElementById('login-error').textContent.includes('accessKey'),
    { timeout: WAIT });
  await shot('login-refused');
  assert.strictEqual(await page.$eval('#calls', e => e.hidden), true);

  await page.$eval('#access-key', e => { e.value = ''; });
  await page.type('#access-key', key);
  await page.click('#login-form button[type=submit]');
  await visible('#calls');
});

test('shows a sandbox call placed from the console live, its story, and its hang-up', async () => {
  await page.select('#test-target', '+15550100001');
  await page.click('#test-call');
  const row = await page.waitForFunction(() => [...document.querySelectorAll('#calls-table tbody tr')]
    .find(r => r.children[1].textContent === 'connected'), { timeout: WAIT });
  const callId = await row.evaluate(r => r.dataset.callId);
  assert.match(callId, /^[0-9a-f-]{36}$/);
  await page.waitForFunction(() => document.querySelector('[data-figure=activeCalls] b').textContent !== '0',
    { timeout: WAIT });
  await shot('calls');

  await page.click(`tr[data-call-id="${callId}"] a`);
  await visible('#call');
  await page.waitForSelector('#timeline li[data-type=CallConnected][data-state=delivered]', { timeout: WAIT });
  const attempt = await page.$eval('#timeline li[data-type=CallConnected] .attempts li', e => e.textContent);
  assert.match(attempt, /attempt 1 at .*: HTTP 204 in \d+ ms/);
  await shot('call-connected');

  await page.click('#call-hangup');
  await page.waitForSelector('#timeline li[data-type=CallDisconnected]', { timeout: WAIT });
  await page.waitForFunction(() => document.querySelector('#call-facts').textContent.includes('disconnected'),
    { timeout: WAIT });
  await shot('call-hung-up');

  await page.click('#nav-calls');
  await visible('#calls');
  await page.waitForFunction(id => !document.querySelector(`tr[data-call-id="${id}"]`), { timeout: WAIT }, callId);
});

test('shows the API requests made on a call, resends a callback given up and shows the new attempt', async () => {
  const callId = await createGaCall('+15550100001', `http://127.0.0.1:${await closedPort()}/callbacks`);
  const read = await signed('GET', `/calling/callConnections/${callId}?api-version=2025-05-15`);
  assert.strictEqual(read.status, 200);
  await page.goto(base + '/console/#/calls/' + encodeURIComponent(callId), { waitUntil: 'domcontentloaded' });
  await visible('#call');
  const givenUp = '#timeline li[data-type=CallConnected][data-state=givenUp]';
  await page.waitForSelector(givenUp + ' button.resend', { timeout: WAIT });
  const before = await page.$$eval(givenUp + ' .attempts li', items => items.length);
  await page.waitForSelector('#requests li[data-method=GET][data-status="200"]', { timeout: WAIT });
  await shot('call-given-up');
  await page.click(givenUp + ' button.resend');
  await page.waitForFunction((selector, count) => {
    const item = document.querySelector(selector);
    return item && item.querySelectorAll('.attempts li').length > count;
  }, { timeout: WAIT }, givenUp, before);
  await page.click('#call-hangup');
  await page.waitForFunction(() => document.querySelector('#call-facts').textContent.includes('disconnect'),
    { timeout: WAIT });
  await page.click('#nav-calls');
  await visible('#calls');
});

test('pages through sixty live calls without asking per call', async () => {
  const placed = await page.evaluate(async () => {
    const ids = [];
    for (let i = 0; i < 60; i++) {
      const r = await fetch('/console/api/test-calls', { method: 'POST', headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ target: '+15550100001' }) });
      ids.push((await r.json()).id);
    }
    return ids;
  });
  assert.strictEqual(placed.length, 60);
  let requests = 0;
  page.on('request', () => { requests += 1; });
  await page.waitForFunction(() => document.getElementById('page-info').textContent === 'page 1 of 3',
    { timeout: WAIT });
  assert.strictEqual(await page.$$eval('#calls-table tbody tr', rows => rows.length), 25);
  await page.click('#next-page');
  await page.waitForFunction(() => document.getElementById('page-info').textContent === 'page 2 of 3',
    { timeout: WAIT });
  await shot('calls-page-2');
  // the live list is one stream per page: a few requests in all, not one per call
  assert.ok(requests < 10, 'requests while paging: ' + requests);
  await page.evaluate(async ids => {
    for (const id of ids) await fetch('/console/api/calls/' + id + '/hangup', { method: 'POST' });
  }, placed);
  await page.waitForFunction(() => document.getElementById('calls-total').textContent === '(0)', { timeout: WAIT });
});

test('shows the figures with charts and the settings without the access key', async () => {
  await page.click('#nav-figures');
  await visible('#figures');
  await page.waitForSelector('#charts .chart[data-figure=activeCalls] polyline', { timeout: WAIT });
  await shot('figures');

  await page.click('#nav-settings');
  await visible('#settings');
  await page.waitForFunction(() => document.querySelectorAll('#settings-table tr').length > 10, { timeout: WAIT });
  const text = await page.$eval('#settings', e => e.textContent);
  assert.ok(text.includes('SWITCHBOARD_HTTP_PORT'));
  assert.ok(!text.includes(process.env.SWITCHBOARD_ACCESS_KEY), 'the access key is never shown');
  await shot('settings');
});

test('logs out: the data is refused again', async () => {
  await page.click('#logout');
  await visible('#login');
  const status = await page.evaluate(async () => (await fetch('/console/api/calls')).status);
  assert.strictEqual(status, 401);
});
