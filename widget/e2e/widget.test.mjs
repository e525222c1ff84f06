// Browser tests of the widget against the packaged application and a real Keycloak (see run.sh):
// headless Chromium (Debian's package) driven by playwright-core, the host page on another origin.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { ADMIN_CLIENT, CITIZEN } from './realm.mjs';
import { CAMERA, segmentMarkers, withGpsExif } from './gps-jpeg.mjs';

const API = process.env.OTKLIK_E2E_API;
const ISSUER = process.env.OTKLIK_E2E_ISSUER;
const HOST = process.env.OTKLIK_E2E_HOST;
const REFUSED_HOST = process.env.OTKLIK_E2E_REFUSED_HOST;
const OUT = process.env.OTKLIK_E2E_OUT || 'target/widget-e2e';
const CHROMIUM = process.env.OTKLIK_E2E_CHROMIUM || '/usr/bin/chromium';
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let context;
let profile;
let page;
let poll;
let incidentNumber;
let uploadedPhoto;
const apiRequests = [];

async function adminToken() {
  const response = await fetch(`${ISSUER}/protocol/openid-connect/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: ADMIN_CLIENT.id, client_secret: ADMIN_CLIENT.secret }),
  });
  const body = await response.json();
  assert.ok(body.access_token, `admin token: ${JSON.stringify(body)}`);
  return body.access_token;
}

async function admin(token, path, body) {
  const response = await fetch(`${API}${path}`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  assert.ok(response.ok, `${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}

async function createOpenPoll() {
  const token = await adminToken();
  const now = Date.now();
  const created = await admin(token, '/api/v1/admin/polls', {
    title: { ru: 'Благоустройство набережной', en: 'Embankment improvement' },
    description: { ru: 'Что сделать на набережной в 2027 году?', en: 'What should the embankment get in 2027?' },
    opensAt: new Date(now - 60_000).toISOString(),
    closesAt: new Date(now + 86_400_000).toISOString(),
    resultsPolicy: 'LIVE',
    questions: [
      { type: 'SINGLE', title: { ru: 'Главное', en: 'The main thing' }, options: [
        { code: 'park', title: { ru: 'Парк', en: 'A park' } }, { code: 'cafe', title: { ru: 'Кафе', en: 'Cafés' } }] },
      { type: 'MULTIPLE', title: { ru: 'Что ещё', en: 'What else' }, min: 2, max: 3, options: [
        { code: 'lights', title: { ru: 'Освещение', en: 'Lighting' } }, { code: 'benches', title: { ru: 'Скамейки', en: 'Benches' } },
        { code: 'bikes', title: { ru: 'Велодорожки', en: 'Cycle paths' } }] },
      { type: 'RATING', title: { ru: 'Как вам набережная сейчас?', en: 'How do you like it now?' }, scale: 5 },
      { type: 'TEXT', title: { ru: 'Ваши предложения', en: 'Your ideas' }, required: false, maxLength: 500 },
    ],
  });
  await admin(token, `/api/v1/admin/polls/${created.id}/publish`);
  return created;
}

async function shot(name) {
  await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: true });
}

/** axe-core over the whole page, open shadow roots included: no serious or critical violation. */
async function axeCheck(name) {
  await page.addScriptTag({ path: AXE });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  writeFileSync(join(OUT, `axe-${name}.json`), JSON.stringify(result.violations, null, 2));
  assert.deepEqual(bad.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
}

/** The id of the focused element, looking through shadow roots. */
function focusedId() {
  return page.evaluate(() => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    return active ? active.id || active.tagName.toLowerCase() : null;
  });
}

async function expectFocus(id) {
  let focused;
  for (let i = 0; i < 50; i++) {
    focused = await focusedId();
    if (focused === id) return;
    await page.waitForTimeout(100);
  }
  assert.equal(focused, id, 'focus');
}

const feedback = () => page.locator('otklik-feedback');

/**
 * Picks a 4000 x 3000 JPEG with GPS EXIF (made by the browser's canvas, EXIF added by hand) in the form and waits
 * for its upload: returns the upload request, the stored photo and the original bytes.
 */
async function pickPhoneJpeg() {
  const dataUrl = await page.evaluate(() => {
    const canvas = document.createElement('canvas');
    canvas.width = 4000;
    canvas.height = 3000;
    const g = canvas.getContext('2d');
    // gradients with a little sensor noise: about what a phone camera writes
    const pixels = g.createImageData(4000, 3000);
    let seed = 42;
    for (let i = 0; i < pixels.data.length; i += 4) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      const noise = seed % 16;
      const x = (i / 4) % 4000;
      const y = Math.floor(i / 16000);
      pixels.data[i] = (x * 200) / 4000 + noise;
      pixels.data[i + 1] = (y * 200) / 3000 + noise;
      pixels.data[i + 2] = 90 + (((x >> 6) + (y >> 6)) % 2) * 60 + noise;
      pixels.data[i + 3] = 255;
    }
    g.putImageData(pixels, 0, 0);
    return canvas.toDataURL('image/jpeg', 0.95);
  });
  const original = withGpsExif(Buffer.from(dataUrl.split(',')[1], 'base64'));
  assert.ok(original.includes(Buffer.from(CAMERA)));
  const file = join(mkdtempSync(join(tmpdir(), 'otklik-e2e-photo-')), 'IMG_0042.jpg');
  writeFileSync(file, original);
  const uploaded = page.waitForResponse((r) => r.url() === `${API}/api/v1/media` && r.request().method() === 'POST');
  await feedback().locator('#photo-pick').setInputFiles(file);
  const response = await uploaded;
  assert.equal(response.status(), 201, await response.text());
  await feedback().getByTestId('photo-ready').waitFor();
  await feedback().getByTestId('photo-previews').locator('img').waitFor();
  return { request: response.request(), stored: await response.json(), original };
}
const polls = () => page.locator('otklik-polls');

/** Nine districts as a 3 × 3 grid of squares from (lon0, lat0), as the district boundaries' admin upload takes them. */
function districtGrid(lon0, lat0, cell) {
  const codes = ['zheleznodorozhny', 'kirovsky', 'krasnoglinsky', 'kuibyshevsky', 'leninsky', 'oktyabrsky', 'promyshlenny',
    'samarsky', 'sovetsky'];
  return {
    type: 'FeatureCollection',
    features: codes.map((district, k) => {
      const lon = lon0 + (k % 3) * cell;
      const lat = lat0 + Math.floor(k / 3) * cell;
      const ring = [[lon, lat], [lon + cell, lat], [lon + cell, lat + cell], [lon, lat + cell], [lon, lat]];
      return { type: 'Feature', properties: { district }, geometry: { type: 'Polygon', coordinates: [ring] } };
    }),
  };
}

describe('the widget on a municipal site', () => {
  before(async () => {
    assert.ok(API && ISSUER && HOST && REFUSED_HOST, 'run through widget/e2e/run.sh');
    mkdirSync(OUT, { recursive: true });
    poll = await createOpenPoll();
    profile = mkdtempSync(join(tmpdir(), 'otklik-e2e-chromium-'));
    context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
      locale: 'ru-RU',
      timezoneId: 'Europe/Samara',
    });
    page = context.pages()[0] || await context.newPage();
    page.setDefaultTimeout(20_000);
    page.on('request', (r) => { if (r.url().startsWith(`${API}/api/`)) apiRequests.push(r); });
    await page.goto(`${HOST}/`);
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true, maxRetries: 10, retryDelay: 200 });
  });

  test('an anonymous visitor on another origin sees both elements and open polls', async () => {
    await feedback().getByText('Войдите, чтобы отправить сообщение').waitFor();
    await polls().getByText('Благоустройство набережной').first().waitFor();
    await polls().getByText('Войти').waitFor();
    await shot('01-anonymous');
    await axeCheck('anonymous');
  });

  test('the status lookup works with the keyboard alone', async () => {
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const order = [];
    for (let i = 0; i < 40 && !order.includes('lookup-number'); i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedId());
    }
    assert.ok(order.includes('lookup-number'), `tab order: ${order.join(', ')}`);
    await page.keyboard.type('0000-000000');
    await page.keyboard.press('Enter');
    await feedback().getByText('Сообщение с таким номером не найдено.').waitFor();
  });

  test('a citizen logs in through the code flow with PKCE in a popup; the token stays in memory', async () => {
    const popupPromise = page.waitForEvent('popup');
    await feedback().getByRole('button', { name: 'Войти' }).click();
    const popup = await popupPromise;
    await popup.waitForURL((url) => url.pathname.endsWith('/protocol/openid-connect/auth'));
    const authorize = new URL(popup.url());
    assert.equal(authorize.origin + authorize.pathname, `${ISSUER}/protocol/openid-connect/auth`);
    assert.equal(authorize.searchParams.get('code_challenge_method'), 'S256');
    assert.equal(authorize.searchParams.get('client_id'), 'otklik-widget');
    assert.equal(authorize.searchParams.get('redirect_uri'), `${API}/widget/callback.html`);
    await popup.locator('#username').fill(CITIZEN.username);
    await popup.locator('#password').fill(CITIZEN.password);
    await popup.screenshot({ path: join(OUT, '02-login-popup.png') });
    await Promise.all([popup.waitForEvent('close'), popup.locator('#kc-login').click()]);
    await feedback().getByText('Вы вошли в систему').waitFor();
    await polls().getByText('Вы вошли в систему').waitFor();
    const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
    assert.deepEqual(storage, { local: 0, session: 0, cookie: '' });
    const cookies = await context.cookies([HOST, API]);
    assert.deepEqual(cookies, [], 'neither the host page nor Otklik has cookies');
  });

  test('validation errors from problem+json appear next to their fields', async () => {
    await feedback().getByRole('button', { name: 'Отправить' }).click();
    await feedback().locator('#text-error').waitFor();
    await feedback().locator('#category-error').waitFor();
    assert.equal(await feedback().locator('#text').getAttribute('aria-invalid'), 'true');
    assert.match(await feedback().locator('#text').getAttribute('aria-describedby'), /text-error/);
    await expectFocus('topic');
    await shot('03-validation-errors');
    await axeCheck('validation-errors');
  });

  test('the form fields follow in reading order', async () => {
    await feedback().locator('#topic').selectOption('landscaping');
    await feedback().locator('#topic').focus();
    const order = ['topic'];
    for (let i = 0; i < 10; i++) {
      await page.keyboard.press('Tab');
      order.push(await focusedId());
    }
    const hasSubtopic = await feedback().locator('#subtopic').count();
    const expected = hasSubtopic
      ? ['topic', 'subtopic', 'district', 'text', 'address', 'locate', 'photo-pick', 'photo-camera', 'notify', 'notify-email', 'submit']
      : ['topic', 'district', 'text', 'address', 'locate', 'photo-pick', 'photo-camera', 'notify', 'notify-email', 'submit'];
    assert.deepEqual(order.slice(0, expected.length).map((id) => (id === 'button' ? 'submit' : id)), expected);
  });

  test('a message is registered once despite a lost answer, with its number and deadlines', async () => {
    await feedback().locator('#subtopic').selectOption('landscaping.lighting');
    await feedback().locator('#district').selectOption('leninsky');
    const text = 'Во дворе дома 12 на улице Ленинской третий день не горят фонари.';
    await feedback().locator('#text').fill(text);
    await feedback().getByText(`${text.length} из 5000 символов`).waitFor();
    await feedback().locator('#address').fill('ул. Ленинская, 12');
    uploadedPhoto = await pickPhoneJpeg();
    assert.equal(await feedback().locator('#notify').isChecked(), true, 'mails are asked for by default, visibly');
    await feedback().locator('#notify-email').fill('anna.mail@example.org');

    // The first POST reaches the server, but its answer is lost on the way back to the browser.
    const keys = [];
    let lost = false;
    await page.route(`${API}/api/v1/feedback`, async (route) => {
      if (route.request().method() !== 'POST') return route.continue();
      keys.push(route.request().headers()['idempotency-key']);
      if (!lost) {
        lost = true;
        await route.fetch();
        return route.abort('connectionreset');
      }
      return route.continue();
    });
    await feedback().getByRole('button', { name: 'Отправить' }).click();
    await feedback().getByText('Сервис недоступен с этой страницы').waitFor();
    await feedback().getByRole('button', { name: 'Отправить' }).click();
    const number = feedback().getByTestId('incident-number');
    await number.waitFor();
    await page.unroute(`${API}/api/v1/feedback`);
    incidentNumber = (await number.textContent()).trim();
    assert.match(incidentNumber, /^\d{4}-\d{6}$/);
    assert.equal(keys.length, 2);
    const sent = apiRequests.filter((r) => r.method() === 'POST' && r.url() === `${API}/api/v1/feedback`).at(-1).postDataJSON();
    assert.equal(sent.notify, true);
    assert.equal(sent.language, 'ru');
    assert.deepEqual(sent.contact, { email: 'anna.mail@example.org' });
    await feedback().getByTestId('receipt-mailed').waitFor();
    assert.ok(keys[0] && keys[0] === keys[1], `the retry repeats the Idempotency-Key: ${keys}`);
    assert.ok((await feedback().getByTestId('resolution-due').textContent()).trim().length > 0);
    assert.ok((await feedback().getByTestId('first-response-due').textContent()).trim().length > 0);
    await expectFocus('receipt-heading');

    const mine = feedback().getByTestId('my-messages').locator('li');
    await mine.first().waitFor();
    assert.equal(await mine.count(), 1, 'one incident, not two');
    await mine.first().locator('summary').click();
    await feedback().getByText('Ответа пока нет.').waitFor();
    const thumbnail = feedback().getByTestId('my-photos').locator('img');
    await thumbnail.waitFor();
    await page.waitForFunction((el) => el.complete && el.naturalWidth > 0, await thumbnail.elementHandle());
    await shot('04-feedback-registered');
  });

  test('the photo went up shrunk and without EXIF, and comes back without any metadata', async () => {
    const { request, stored } = uploadedPhoto;
    const sentBytes = Number((await request.allHeaders())['content-length']);
    assert.ok(sentBytes > 0 && sentBytes < uploadedPhoto.original.length / 2,
      `uploaded ${sentBytes} bytes of a ${uploadedPhoto.original.length}-byte photo`);
    // Chromium hands over a multipart body built from a Blob where it can; when it does, no EXIF is in it.
    const sent = request.postDataBuffer();
    if (sent) assert.ok(!sent.includes(Buffer.from(CAMERA)), 'the browser dropped the EXIF block before upload');
    assert.equal(stored.width, 2560, 'shrunk to 2,560 px on the long side');
    const response = await fetch(`${API}/api/v1/media/${stored.id}`, { headers: { Authorization: request.headers().authorization } });
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('content-type'), 'image/jpeg');
    assert.match(response.headers.get('cache-control'), /private/);
    const image = Buffer.from(await response.arrayBuffer());
    assert.ok(!image.includes(Buffer.from(CAMERA)) && !image.includes(Buffer.from('Exif')), 'no EXIF in the stored copy');
    const markers = segmentMarkers(image);
    assert.ok(!markers.some((m) => m >= 0xffe1 && m <= 0xffef), `only JFIF before the scan: ${markers.map((m) => m.toString(16))}`);
    const anonymous = await fetch(`${API}/api/v1/media/${stored.id}`);
    assert.equal(anonymous.status, 404, 'a resident\'s photo is not public');
  });

  test('a point fills the district and shows what is already reported nearby; "Я тоже" supports it', async () => {
    const token = await adminToken();
    let response = await fetch(`${API}/api/v1/admin/districts/boundaries`, {
      method: 'PUT',
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/geo+json' },
      body: JSON.stringify(districtGrid(50.36, 53.37, 0.02)),
    });
    assert.equal(response.status, 204, await response.text());
    // another author's report at the same corner: an Open311 client's
    const { apiKey } = await admin(token, '/api/v1/admin/open311-keys', { name: 'Карта района (e2e)' });
    response = await fetch(`${API}/open311/v2/requests.json`, {
      method: 'POST',
      body: new URLSearchParams({ api_key: apiKey, service_code: 'landscaping.lighting', lat: '53.3751', long: '50.3651',
        description: 'Не горит фонарь у остановки.' }),
    });
    const created = await response.text();
    assert.equal(response.status, 200, created);
    const reported = JSON.parse(created)[0].service_request_id;

    await context.grantPermissions(['geolocation'], { origin: HOST });
    await context.setGeolocation({ latitude: 53.375, longitude: 50.365 });
    await feedback().locator('#topic').selectOption('landscaping');
    await feedback().locator('#subtopic').selectOption('landscaping.lighting');
    await feedback().locator('#district').selectOption('');
    await feedback().locator('#locate').click();
    await feedback().locator('#location-value').waitFor();
    for (let i = 0; i < 100 && (await feedback().locator('#district').inputValue()) !== 'zheleznodorozhny'; i++) {
      await page.waitForTimeout(100);
    }
    assert.equal(await feedback().locator('#district').inputValue(), 'zheleznodorozhny', 'the district comes from the point');
    const nearby = feedback().locator('#nearby');
    await nearby.getByText('Уже сообщили рядом').waitFor();
    await nearby.getByText(reported).waitFor();
    assert.ok(!(await nearby.textContent()).includes('фонарь'), 'no text of the other report');
    const supported = page.waitForResponse((r) => r.url() === `${API}/api/v1/incidents/${reported}/supporters`);
    await nearby.getByRole('button', { name: 'Я тоже' }).click();
    assert.equal((await supported).status(), 200);
    await nearby.getByText('Вы поддержали').waitFor();
    await nearby.getByText('поддержали: 1').waitFor();
    await shot('05-nearby-me-too');
    await axeCheck('nearby');

    await feedback().getByRole('button', { name: 'Убрать точку' }).click();
    await feedback().locator('#district').selectOption('');
    await feedback().locator('#topic').selectOption('');
    assert.equal(await feedback().locator('#nearby').count(), 0);
    await context.clearPermissions();
  });

  test('a citizen follows the notices for a district and stops them again', async () => {
    const block = feedback().getByTestId('following');
    await block.getByRole('heading', { name: 'Объявления по моему району' }).waitFor();
    await block.locator('#follow-district').selectOption('samarsky');
    await block.locator('#follow-email').fill('anna.notices@example.org');
    await block.getByRole('button', { name: 'Подписаться' }).click();
    await block.getByTestId('following-list').getByText('Самарский').waitFor();
    assert.match(await block.getByTestId('following-address').textContent(), /anna\.notices@example\.org/);
    await block.getByTestId('following-unconfirmed').waitFor();
    await shot('05-notices-followed');
    await axeCheck('notices-followed');
    await block.getByRole('button', { name: 'Отписаться от района Самарский' }).click();
    await block.getByTestId('following-list').waitFor({ state: 'detached' });
  });

  test('the status link of a mail opens the status of the message', async () => {
    const linked = await context.newPage();
    await linked.goto(`${HOST}/#status=${incidentNumber}`);
    const result = linked.locator('otklik-feedback').getByTestId('status-result');
    await result.waitFor();
    assert.match(await result.textContent(), new RegExp(incidentNumber));
    await linked.close();
  });

  test('anyone can look the status up by number, without a token', async () => {
    apiRequests.length = 0;
    await feedback().locator('#lookup-number').fill(incidentNumber);
    await feedback().getByRole('button', { name: 'Узнать статус' }).click();
    const result = feedback().getByTestId('status-result');
    await result.getByText(incidentNumber).waitFor();
    await result.getByText('На модерации').waitFor();
    const lookup = apiRequests.find((r) => r.url().endsWith(`/incidents/${incidentNumber}/status`));
    assert.ok(lookup, 'the lookup went to the public status endpoint');
    assert.equal(lookup.headers().authorization, undefined);
    await result.scrollIntoViewIfNeeded();
    await shot('05-status-lookup');
    await feedback().screenshot({ path: join(OUT, 'element-feedback.png') });
  });

  test('a citizen votes: a wrong number of choices is shown at its question, then the receipt checks out', async () => {
    const item = polls().getByTestId(`voting-${poll.id}`);
    await item.getByText('Вы можете проголосовать').waitFor();
    await polls().getByRole('button', { name: 'Участвовать: Благоустройство набережной' }).click();
    await expectFocus('poll-heading');
    await polls().getByLabel('Парк').check();
    await polls().getByLabel('Освещение').check();
    await polls().locator('fieldset[data-question="q3"]').getByLabel('4').check();
    await polls().getByLabel('Ваши предложения').fill('Больше деревьев и питьевые фонтанчики');
    await axeCheck('ballot');
    await polls().getByRole('button', { name: 'Проголосовать' }).click();
    await polls().locator('#q2-error').waitFor();
    assert.equal(await polls().locator('fieldset[data-question="q2"]').getAttribute('aria-invalid'), 'true');
    await shot('06-ballot-error');
    await polls().screenshot({ path: join(OUT, 'element-ballot.png') });

    await polls().getByLabel('Скамейки').check();
    await polls().getByRole('button', { name: 'Проголосовать' }).click();
    const code = (await polls().getByTestId('receipt-code').textContent()).trim();
    assert.match(code, /^[0-9A-Z]{58}$/);
    await polls().getByRole('button', { name: 'Проверить мой бюллетень' }).click();
    await polls().getByTestId('receipt-check').getByText('Бюллетень принят', { exact: false }).waitFor();
    await shot('07-vote-receipt');
  });

  test('results appear as the LIVE policy allows', async () => {
    // Votes reach the LIVE snapshot with the next refresh (1 s in this run; steps of 1 participant).
    for (let attempt = 0; attempt < 20; attempt++) {
      await polls().getByRole('button', { name: 'Назад к опросам' }).click();
      await polls().getByRole('button', { name: 'Показать результаты: Благоустройство набережной' }).click();
      await polls().getByTestId('results').waitFor();
      if (await polls().getByText('Участников: 1').count()) break;
      await page.waitForTimeout(500);
    }
    await polls().getByText('Участников: 1').waitFor();
    await polls().getByText('Парк: 1 голос, 100 %').waitFor();
    await polls().getByText('Средняя оценка: 4').waitFor();
    await polls().getByTestId('results').scrollIntoViewIfNeeded();
    await shot('08-results');
    await polls().screenshot({ path: join(OUT, 'element-results.png') });
    await axeCheck('results');
  });

  test('in English', async () => {
    const english = await context.newPage();
    await english.goto(`${HOST}/?lang=en`);
    await english.locator('otklik-polls').getByText('Embankment improvement').first().waitFor();
    await english.locator('otklik-feedback').getByText('Look up a status by number').waitFor();
    await english.screenshot({ path: join(OUT, '09-english.png'), fullPage: true });
    await english.close();
  });

  test('a page on an origin that is not configured cannot call the API', async () => {
    const refused = await context.newPage();
    const corsErrors = [];
    refused.on('console', (m) => { if (/CORS|Access-Control/i.test(m.text())) corsErrors.push(m.text()); });
    await refused.goto(`${REFUSED_HOST}/`);
    await refused.locator('otklik-polls').getByText('Сервис недоступен с этой страницы').waitFor();
    await refused.locator('otklik-feedback #lookup-number').fill(incidentNumber);
    await refused.locator('otklik-feedback').getByRole('button', { name: 'Узнать статус' }).click();
    await refused.locator('otklik-feedback').getByTestId('status-result').waitFor({ state: 'detached', timeout: 2000 }).catch(() => {});
    assert.equal(await refused.locator('otklik-feedback').getByTestId('status-result').count(), 0);
    await refused.locator('otklik-feedback').getByText('Сервис недоступен с этой страницы').first().waitFor();
    assert.ok(corsErrors.length > 0, 'the browser reports the CORS refusal');
    await refused.screenshot({ path: join(OUT, '10-refused-origin.png'), fullPage: true });
    await refused.close();
  });
});
