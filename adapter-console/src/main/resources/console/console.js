// The Switchboard console: plain JavaScript, no build step, no third-party code. Data comes from /console/api/
// (a session cookie opened with the access key); text is always set with textContent, never parsed as HTML.
'use strict';

const state = { page: 1, live: null, timer: null, view: null };

function $(id) { return document.getElementById(id); }

function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  return node;
}

async function api(method, path, body) {
  const response = await fetch('/console/api/' + path, {
    method,
    credentials: 'same-origin',
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401 && path !== 'session') {
    showLogin();
    throw new Error('not logged in');
  }
  const text = await response.text();
  const json = text ? JSON.parse(text) : {};
  if (!response.ok) throw new Error(json.error ? json.error.message : 'HTTP ' + response.status);
  return json;
}

function stopUpdates() {
  if (state.live) { state.live.close(); state.live = null; }
  if (state.timer) { clearInterval(state.timer); state.timer = null; }
}

function show(section) {
  for (const id of ['login', 'calls', 'call', 'figures', 'settings']) $(id).hidden = id !== section;
  $('nav').hidden = section === 'login';
  for (const link of document.querySelectorAll('nav a')) {
    link.classList.toggle('current', link.id === 'nav-' + section || (section === 'call' && link.id === 'nav-calls'));
  }
}

function showLogin() {
  stopUpdates();
  show('login');
  $('access-key').focus();
}

function duration(seconds) {
  const m = Math.floor(seconds / 60);
  const s = seconds % 60;
  return m + ':' + String(s).padStart(2, '0');
}

function participantText(p) {
  return p.rawId + ' (' + p.state + (p.codec ? ', ' + p.codec : '') + (p.muted ? ', muted' : '')
    + (p.onHold ? ', on hold' : '') + ')';
}

// ---- live calls ------------------------------------------------------------------------------------------------

function renderFigures(figures) {
  const strip = $('figures-strip');
  strip.replaceChildren();
  for (const [name, value] of Object.entries(figures)) {
    const box = el('div');
    box.dataset.figure = name;
    box.append(el('b', value), el('span', name));
    strip.append(box);
  }
}

function renderCalls(snapshot) {
  $('calls-total').textContent = '(' + snapshot.total + ')';
  renderFigures(snapshot.figures);
  const body = $('calls-table').querySelector('tbody');
  body.replaceChildren();
  for (const call of snapshot.calls) {
    const row = el('tr');
    row.dataset.callId = call.id;
    const link = el('a', call.id);
    link.href = '#/calls/' + encodeURIComponent(call.id);
    const idCell = el('td');
    idCell.append(link);
    const parts = call.participants.map(participantText).join(', ');
    const hangup = el('button', 'Hang up');
    hangup.type = 'button';
    hangup.className = 'hangup';
    hangup.addEventListener('click', () => hangUp(call.id));
    const action = el('td');
    if (call.state === 'connecting' || call.state === 'connected') action.append(hangup);
    row.append(idCell, el('td', call.state, 'state-' + call.state), el('td', call.direction), el('td', parts),
      el('td', call.media || '-'), el('td', duration(call.seconds)), action);
    body.append(row);
  }
  $('no-calls').hidden = snapshot.total > 0;
  $('page-info').textContent = 'page ' + snapshot.page + ' of ' + snapshot.pages;
  $('prev-page').disabled = snapshot.page <= 1;
  $('next-page').disabled = snapshot.page >= snapshot.pages;
  state.page = snapshot.page;
}

function openCalls() {
  show('calls');
  stopUpdates();
  const source = new EventSource('/console/api/live?page=' + state.page);
  source.onmessage = message => renderCalls(JSON.parse(message.data));
  source.onerror = () => {
    // a closed session ends the stream: ask once, which shows the login if that is why
    if (source.readyState === EventSource.CLOSED) api('GET', 'calls?page=1').catch(() => {});
  };
  state.live = source;
}

async function hangUp(id) {
  try {
    await api('POST', 'calls/' + encodeURIComponent(id) + '/hangup', {});
  } catch (e) {
    $('test-call-error').textContent = e.message;
  }
}

// ---- one call --------------------------------------------------------------------------------------------------

function renderCall(view) {
  const call = view.call;
  $('call-id').textContent = call.id;
  const facts = $('call-facts');
  facts.replaceChildren();
  const rows = [['State', call.state], ['Direction', call.direction], ['Created', call.createdAt],
    ['Participants', call.participants.map(participantText).join(', ') || '-'],
    ['Media', call.media || '-'], ['Result', call.result || '-']];
  for (const [name, value] of rows) facts.append(el('dt', name), el('dd', value));
  $('call-hangup').hidden = !(call.state === 'connecting' || call.state === 'connected');
  const requests = $('requests');
  requests.replaceChildren();
  for (const r of view.requests) {
    const item = el('li', r.at + ' ' + r.method + ' ' + r.path + ' → ' + r.status + ' in ' + r.ms + ' ms');
    item.dataset.method = r.method;
    item.dataset.status = r.status;
    requests.append(item);
  }
  if (view.requests.length === 0) requests.append(el('li', 'none', 'hint'));
  const timeline = $('timeline');
  timeline.replaceChildren();
  for (const event of view.events) {
    const item = el('li');
    item.dataset.type = event.type;
    item.dataset.state = event.state;
    const head = el('div');
    head.append(el('b', event.type), el('span', ' ' + event.acceptedAt + ' '),
      el('span', event.state, 'state-' + event.state.toLowerCase()), el('span', ' to ' + event.target));
    const attempts = el('ul', null, 'attempts');
    for (const a of event.attempts) {
      attempts.append(el('li', 'attempt ' + a.number + ' at ' + a.at + ': ' + a.detail + ' in ' + a.ms + ' ms'
        + (a.nextAttemptAt ? ', next at ' + a.nextAttemptAt : '')));
    }
    const details = el('details');
    details.append(el('summary', 'event as sent'), el('pre', JSON.stringify(event.event, null, 2)));
    item.append(head, attempts, details);
    if (event.state === 'givenUp') {
      const resend = el('button', 'Resend', 'resend');
      resend.type = 'button';
      resend.addEventListener('click', () => api('POST', 'calls/' + encodeURIComponent(call.id) + '/events/'
        + event.seq + '/resend', {}).then(() => openCall(call.id)).catch(e => {
        item.append(el('p', e.message, 'error'));
      }));
      item.append(resend);
    }
    timeline.append(item);
  }
}

function openCall(id) {
  show('call');
  stopUpdates();
  const load = () => api('GET', 'calls/' + encodeURIComponent(id)).then(renderCall).catch(e => {
    $('call-facts').replaceChildren(el('dd', e.message, 'error'));
  });
  $('call-hangup').onclick = () => hangUp(id).then(load);
  load();
  state.timer = setInterval(load, 2000);
}

// ---- figures and settings --------------------------------------------------------------------------------------

function chart(name, points) {
  const box = el('div', null, 'chart');
  box.dataset.figure = name;
  const last = points.length ? points[points.length - 1] : 0;
  box.append(el('h3', name + ': ' + last));
  const svg = document.createElementNS('http://www.w3.org/2000/svg', 'svg');
  svg.setAttribute('viewBox', '0 0 120 40');
  svg.setAttribute('preserveAspectRatio', 'none');
  const max = Math.max(1, ...points);
  const line = document.createElementNS('http://www.w3.org/2000/svg', 'polyline');
  line.setAttribute('points', points.map((v, i) => (120 - (points.length - 1 - i)) + ',' + (39 - 38 * v / max))
    .join(' '));
  svg.append(line);
  box.append(svg);
  return box;
}

function openFigures() {
  show('figures');
  stopUpdates();
  const load = () => api('GET', 'figures').then(figures => {
    const charts = $('charts');
    charts.replaceChildren();
    for (const name of Object.keys(figures.now)) {
      charts.append(chart(name, figures.samples.map(s => Number(s.values[name] || 0))));
    }
  }).catch(() => {});
  load();
  state.timer = setInterval(load, 5000);
}

function openSettings() {
  show('settings');
  stopUpdates();
  api('GET', 'settings').then(settings => {
    const body = $('settings-table').querySelector('tbody');
    body.replaceChildren();
    for (const [name, value] of Object.entries(settings)) {
      const row = el('tr');
      row.append(el('th', name), el('td', value));
      body.append(row);
    }
  }).catch(() => {});
}

// ---- navigation ------------------------------------------------------------------------------------------------

function route() {
  const hash = location.hash || '#/calls';
  const call = hash.match(/^#\/calls\/(.+)$/);
  if (call) openCall(decodeURIComponent(call[1]));
  else if (hash === '#/figures') openFigures();
  else if (hash === '#/settings') openSettings();
  else openCalls();
}

document.addEventListener('DOMContentLoaded', () => {
  $('login-form').addEventListener('submit', async event => {
    event.preventDefault();
    $('login-error').textContent = '';
    try {
      await api('POST', 'session', { accessKey: $('access-key').value });
      $('access-key').value = '';
      route();
    } catch (e) {
      $('login-error').textContent = e.message;
    }
  });
  $('logout').addEventListener('click', () => api('DELETE', 'session').finally(showLogin));
  $('test-call-form').addEventListener('submit', async event => {
    event.preventDefault();
    $('test-call-error').textContent = '';
    try {
      await api('POST', 'test-calls', { target: $('test-target').value });
    } catch (e) {
      $('test-call-error').textContent = e.message;
    }
  });
  $('prev-page').addEventListener('click', () => { state.page -= 1; openCalls(); });
  $('next-page').addEventListener('click', () => { state.page += 1; openCalls(); });
  window.addEventListener('hashchange', route);
  // a session from earlier goes straight in; otherwise the login shows
  api('GET', 'calls?page=1').then(route).catch(() => {});
});
