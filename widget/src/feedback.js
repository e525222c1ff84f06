import { html } from 'lit';
import { OtklikElement, describedBy, fieldErrors } from './base.js';
import { randomToken } from './auth.js';
import { dateTime, named } from './i18n.js';
import { MAX_PHOTOS, Thumbnails, gallery, shrink, upload } from './photos.js';

const TEXT_LIMIT = 5000;
// problem+json pointers → the form field that shows them.
const FIELD_OF = { categoryCode: 'category', districtCode: 'district', text: 'text', address: 'address', location: 'location',
  mediaIds: 'photos', contact: 'email', notify: 'email' };
const EMPTY_FORM = () => ({ category: '', district: '', text: '', address: '', location: null, notify: true, email: '' });

/**
 * <otklik-feedback>: a message form for logged-in citizens, their messages with answers, and an
 * anonymous status lookup by number.
 */
export class OtklikFeedback extends OtklikElement {
  static properties = {
    ...OtklikElement.properties,
    categories: { state: true },
    districts: { state: true },
    topic: { state: true },
    form: { state: true },
    errors: { state: true },
    formError: { state: true },
    sending: { state: true },
    receipt: { state: true },
    mine: { state: true },
    details: { state: true },
    lookup: { state: true },
    locating: { state: true },
    photos: { state: true },
    following: { state: true },
    follow: { state: true },
    nearby: { state: true },
    geocoder: { type: String },
    geocoding: { state: true },
  };

  constructor() {
    super();
    this.categories = [];
    this.districts = [];
    this.topic = '';
    this.form = EMPTY_FORM();
    this.errors = {};
    this.formError = null;
    this.sending = false;
    this.receipt = null;
    this.mine = null;
    this.details = {};
    this.lookup = { number: '', result: null, error: null, loading: false };
    this.locating = false;
    this.photos = [];
    this.following = null;
    this.follow = { district: '', email: '', error: null, saving: false };
    this.nearby = null;
    this.geocoding = false;
    this.thumbnails = new Thumbnails(this);
    this._idempotencyKey = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.loadReferenceData();
    if (this.signedIn) this.loadMine();
    if (this.signedIn) this.loadFollowing();
    this.followDeepLink();
  }

  sessionChanged() {
    this.mine = null;
    this.details = {};
    this.following = null;
    this.thumbnails.clear();
    if (this.signedIn) this.loadMine();
    if (this.signedIn) this.loadFollowing();
  }

  /** Links in the mails: #status=<number> looks the status up, #rate=<number> opens the message to rate its answer. */
  followDeepLink() {
    const match = /^#(status|rate)=([0-9A-Za-z-]{1,20})$/.exec(window.location.hash);
    if (!match) return;
    const [, kind, number] = match;
    this.lookup = { ...this.lookup, number };
    if (kind === 'status' || !this.signedIn) {
      this.lookUp();
    } else {
      this.openMine = number;
      this.loadDetail(number);
    }
  }

  async loadFollowing() {
    try {
      this.following = await this.client.get('/api/v1/me/subscriptions', { auth: true });
    } catch (e) {
      this.following = { items: [], error: this.problemText(e) };
    }
  }

  /** Replaces the subscriptions with the given district items (immediate mails, every topic); none: stops them all. */
  async saveFollowing(items) {
    this.follow = { ...this.follow, saving: true, error: null };
    try {
      if (!items.length) {
        await this.client.request('DELETE', '/api/v1/me/subscriptions', { auth: true });
      } else {
        const email = this.follow.email.trim() || this.following?.email || null;
        await this.client.put('/api/v1/me/subscriptions', { email, language: this.lang, items }, { auth: true });
      }
      this.follow = { ...this.follow, saving: false, district: '' };
      await this.loadFollowing();
    } catch (e) {
      const errors = e.fieldErrors ? e.fieldErrors(() => 'form') : {};
      this.follow = { ...this.follow, saving: false, error: errors.form ? errors.form.join('; ') : this.problemText(e) };
    }
  }

  followDistrict(event) {
    event.preventDefault();
    const district = this.follow.district;
    const items = (this.following?.items || []).map(({ districtCode, categoryCode, delivery }) => ({ districtCode, categoryCode, delivery }));
    if (!district || items.some((i) => i.districtCode === district && !i.categoryCode)) return;
    this.saveFollowing([...items, { districtCode: district, categoryCode: null, delivery: 'IMMEDIATE' }]);
  }

  unfollow(id) {
    const items = (this.following?.items || []).filter((i) => i.id !== id)
      .map(({ districtCode, categoryCode, delivery }) => ({ districtCode, categoryCode, delivery }));
    this.saveFollowing(items);
  }

  async loadReferenceData() {
    try {
      const [categories, districts] = [await this.client.get('/api/v1/categories'), await this.client.get('/api/v1/districts')];
      this.categories = categories || [];
      this.districts = districts || [];
    } catch (e) {
      this.notice = { bad: true, text: this.problemText(e) };
    }
  }

  async loadMine() {
    try {
      const page = await this.client.get('/api/v1/me/incidents?limit=20', { auth: true });
      this.mine = page?.items || [];
    } catch (e) {
      this.mine = [];
      if (e.status !== 401) this.notice = { bad: true, text: this.problemText(e) };
    }
  }

  async loadDetail(number) {
    if (this.details[number]) return;
    this.details = { ...this.details, [number]: { loading: true } };
    try {
      const detail = await this.client.get(`/api/v1/me/incidents/${encodeURIComponent(number)}`, { auth: true });
      this.details = { ...this.details, [number]: detail };
    } catch (e) {
      this.details = { ...this.details, [number]: { error: this.problemText(e) } };
    }
  }

  edit(field, value) {
    this.form = { ...this.form, [field]: value };
    this._idempotencyKey = null;
  }

  pickTopic(code) {
    this.topic = code;
    const topic = this.categories.find((c) => c.code === code);
    this.pickCategory(topic && !(topic.children || []).length ? code : '');
  }

  pickCategory(code) {
    this.edit('category', code);
    this.loadNearby();
  }

  /** A point (from the browser or the geocoder) fills the district the API finds for it and looks for reports nearby. */
  async place(location) {
    this.edit('location', location);
    this.nearby = null;
    if (!location) return;
    try {
      const found = await this.client.get(`/api/v1/districts/locate?lat=${location.lat}&lon=${location.lon}`);
      if (found?.district && !this.form.district && this.form.location === location) this.edit('district', found.district.code);
    } catch (e) {
      // the resident picks the district by hand
    }
    this.loadNearby();
  }

  async loadNearby() {
    const { location, category } = this.form;
    if (!location || !category) {
      this.nearby = null;
      return;
    }
    try {
      const found = await this.client.get(`/api/v1/incidents/nearby?lat=${location.lat}&lon=${location.lon}`
        + `&category=${encodeURIComponent(category)}`);
      if (this.form.location === location && this.form.category === category) this.nearby = found?.items || [];
    } catch (e) {
      this.nearby = null;
    }
  }

  async support(number) {
    try {
      const answer = await this.client.post(`/api/v1/incidents/${encodeURIComponent(number)}/supporters`, undefined, { auth: true });
      this.nearby = (this.nearby || []).map((i) => (i.number === number ? { ...i, supporters: answer.supporters, mine: true } : i));
    } catch (e) {
      this.notice = { bad: true, text: this.problemText(e) };
    }
  }

  /** The city's geocoder (the geocoder attribute; none by default): GET {geocoder}?q=address, answering [{lat, lon}]. */
  async geocode() {
    const address = this.form.address.trim();
    if (!this.geocoder || !address) return;
    this.geocoding = true;
    try {
      const url = new URL(this.geocoder);
      url.searchParams.set('q', address);
      const response = await fetch(url, { headers: { Accept: 'application/json' }, credentials: 'omit' });
      const answer = response.ok ? await response.json() : null;
      const first = Array.isArray(answer) ? answer[0] : answer;
      const lat = Number.parseFloat(first?.lat);
      const lon = Number.parseFloat(first?.lon);
      if (Number.isFinite(lat) && Number.isFinite(lon)) await this.place({ lat, lon });
      else this.errors = { ...this.errors, address: [this.t('addressNotFound')] };
    } catch (e) {
      this.errors = { ...this.errors, address: [this.t('addressNotFound')] };
    } finally {
      this.geocoding = false;
    }
  }

  locate() {
    if (!navigator.geolocation) {
      this.errors = { ...this.errors, location: [this.t('locationFailed')] };
      return;
    }
    this.locating = true;
    navigator.geolocation.getCurrentPosition(
      (position) => {
        this.locating = false;
        const round = (v) => Math.round(v * 1e6) / 1e6;
        this.place({ lat: round(position.coords.latitude), lon: round(position.coords.longitude) });
      },
      () => {
        this.locating = false;
        this.errors = { ...this.errors, location: [this.t('locationFailed')] };
      },
      { timeout: 15000, maximumAge: 60000 },
    );
  }

  /** Shrinks each picked photo in the browser and uploads it at once, with progress. */
  async pickPhotos(event) {
    const files = [...(event.target.files || [])].slice(0, MAX_PHOTOS - this.photos.length);
    event.target.value = '';
    this._idempotencyKey = null;
    for (const file of files) {
      const photo = { key: randomToken(8), name: file.name, preview: null, progress: 0, id: null, error: null };
      this.photos = [...this.photos, photo];
      const update = (change) => {
        Object.assign(photo, change);
        this.photos = [...this.photos];
      };
      try {
        const blob = await shrink(file);
        update({ preview: URL.createObjectURL(blob), bytes: blob.size });
        const stored = await upload(this.client, blob, (progress) => update({ progress }));
        update({ id: stored.id, progress: 1 });
      } catch (e) {
        update({ error: e instanceof Error && e.message === 'canvas' ? this.t('photoUnreadable') : this.problemText(e) });
      }
    }
  }

  removePhoto(key) {
    const photo = this.photos.find((p) => p.key === key);
    if (photo?.preview) URL.revokeObjectURL(photo.preview);
    this.photos = this.photos.filter((p) => p.key !== key);
    this._idempotencyKey = null;
    this.renderRoot.querySelector('#photo-pick')?.focus();
  }

  async submit(event) {
    event.preventDefault();
    if (this.sending) return;
    if (this.photos.some((p) => !p.id && !p.error)) {
      this.formError = this.t('photosUploading');
      return;
    }
    this.sending = true;
    this.errors = {};
    this.formError = null;
    // One key per filled-in form: a double click or a retry after a lost answer creates one incident.
    this._idempotencyKey ||= randomToken(18);
    const email = this.form.email.trim();
    const body = {
      categoryCode: this.form.category,
      text: this.form.text,
      districtCode: this.form.district || null,
      address: this.form.address.trim() || null,
      location: this.form.location,
      mediaIds: this.photos.filter((p) => p.id).map((p) => p.id),
      contact: email ? { email } : null,
      notify: this.form.notify,
      language: this.lang === 'en' ? 'en' : 'ru',
    };
    try {
      this.receipt = await this.client.post('/api/v1/feedback', body, {
        auth: true, headers: { 'Idempotency-Key': this._idempotencyKey },
      });
      this._idempotencyKey = null;
      this.receiptMailed = this.form.notify;
      this.form = EMPTY_FORM();
      this.photos.forEach((p) => p.preview && URL.revokeObjectURL(p.preview));
      this.photos = [];
      this.topic = '';
      await this.updateComplete;
      this.renderRoot.querySelector('#receipt-heading')?.focus();
      this.loadMine();
    } catch (e) {
      const errors = e.fieldErrors ? e.fieldErrors((pointer) => FIELD_OF[pointer.split('/')[1]] || 'form') : {};
      const { form, ...fields } = errors;
      this.errors = fields;
      this.formError = Object.keys(fields).length ? this.t('fixErrors') + (form ? ` ${form.join('; ')}` : '') : this.problemText(e);
      await this.updateComplete;
      const first = ['category', 'district', 'text', 'address', 'location', 'photos', 'email'].find((f) => fields[f]);
      const target = first === 'category' ? (this.topic ? '#subtopic' : '#topic') : first === 'location' ? '#locate'
        : first === 'photos' ? '#photo-pick' : first === 'email' ? '#notify-email' : first ? `#${first}` : '#form-error';
      this.renderRoot.querySelector(target)?.focus();
    } finally {
      this.sending = false;
    }
  }

  async lookUp(event) {
    event?.preventDefault();
    const number = this.lookup.number.trim();
    if (!number) return;
    this.lookup = { ...this.lookup, loading: true, result: null, error: null };
    try {
      const result = await this.client.get(`/api/v1/incidents/${encodeURIComponent(number)}/status`, { auth: 'never' });
      this.lookup = { ...this.lookup, loading: false, result };
    } catch (e) {
      this.lookup = { ...this.lookup, loading: false, error: e.status === 404 ? this.t('notFound') : this.problemText(e) };
    }
  }

  render() {
    return html`
      ${this.renderHeader(this.t('feedbackTitle'))}
      <section aria-labelledby="new-heading">
        <h3 id="new-heading">${this.t('newMessage')}</h3>
        ${this.receipt ? this.renderReceipt(this.receipt) : ''}
        ${this.signedIn ? this.renderForm() : html`<p class="notice">${this.t('loginNeeded')}</p>`}
      </section>
      ${this.signedIn ? this.renderMine() : ''}
      ${this.signedIn ? this.renderFollowing() : ''}
      ${this.renderLookup()}
    `;
  }

  renderForm() {
    const topic = this.categories.find((c) => c.code === this.topic);
    const children = topic?.children || [];
    const e = this.errors;
    const categoryError = e.category ? (children.length ? 'subtopic' : 'topic') : null;
    return html`<form novalidate @submit=${this.submit}>
      <label for="topic">${this.t('topic')}</label>
      <select id="topic" aria-required="true" aria-invalid=${categoryError === 'topic'}
          aria-describedby=${describedBy(categoryError === 'topic' ? e : {}, 'category')}
          @change=${(ev) => this.pickTopic(ev.target.value)}>
        <option value="" ?selected=${!this.topic}>${this.t('chooseTopic')}</option>
        ${this.categories.map((c) => html`<option value=${c.code} ?selected=${c.code === this.topic}>${named(this.lang, c)}</option>`)}
      </select>
      ${categoryError === 'topic' ? fieldErrors(e, 'category') : ''}
      ${children.length ? html`
        <label for="subtopic">${this.t('subtopic')}</label>
        <select id="subtopic" aria-required="true" aria-invalid=${categoryError === 'subtopic'}
            aria-describedby=${describedBy(categoryError === 'subtopic' ? e : {}, 'category')}
            @change=${(ev) => this.pickCategory(ev.target.value)}>
          <option value="" ?selected=${!this.form.category}>${this.t('chooseSubtopic')}</option>
          ${children.map((c) => html`<option value=${c.code} ?selected=${c.code === this.form.category}>${named(this.lang, c)}</option>`)}
        </select>
        ${categoryError === 'subtopic' ? fieldErrors(e, 'category') : ''}` : ''}

      <label for="district">${this.t('district')}</label>
      <select id="district" aria-invalid=${Boolean(e.district)} aria-describedby=${describedBy(e, 'district')}
          @change=${(ev) => this.edit('district', ev.target.value)}>
        <option value="" ?selected=${!this.form.district}>${this.t('unknownDistrict')}</option>
        ${this.districts.map((d) => html`<option value=${d.code} ?selected=${d.code === this.form.district}>${named(this.lang, d)}</option>`)}
      </select>
      ${fieldErrors(e, 'district')}

      <label for="text">${this.t('text')}</label>
      <textarea id="text" maxlength=${TEXT_LIMIT} aria-required="true" aria-invalid=${Boolean(e.text)}
          aria-describedby=${describedBy(e, 'text', 'text-hint', 'text-counter')}
          .value=${this.form.text} @input=${(ev) => this.edit('text', ev.target.value)}></textarea>
      <p class="hint" id="text-hint">${this.t('textHint')}</p>
      <p class="counter" id="text-counter">${this.t('counter', { count: this.form.text.length, max: TEXT_LIMIT })}</p>
      ${fieldErrors(e, 'text')}

      <label for="address">${this.t('address')}</label>
      <input id="address" type="text" maxlength="300" autocomplete="street-address" aria-invalid=${Boolean(e.address)}
          aria-describedby=${describedBy(e, 'address', 'address-hint')}
          .value=${this.form.address} @input=${(ev) => this.edit('address', ev.target.value)}>
      <p class="hint" id="address-hint">${this.t('addressHint')}</p>
      ${this.geocoder ? html`<button type="button" class="secondary" id="geocode" ?disabled=${this.geocoding}
          @click=${() => this.geocode()}>${this.t('findAddress')}</button>` : ''}
      ${fieldErrors(e, 'address')}

      <div class="row" style="margin-top:12px">
        ${this.form.location
          ? html`<span id="location-value">${this.t('locationSet', this.form.location)}</span>
              <button type="button" class="secondary" id="locate" aria-describedby=${describedBy(e, 'location')}
                  @click=${() => this.place(null)}>${this.t('locationClear')}</button>`
          : html`<button type="button" class="secondary" id="locate" aria-describedby=${describedBy(e, 'location')}
              @click=${() => this.locate()}>${this.locating ? this.t('locating') : this.t('myLocation')}</button>`}
      </div>
      ${fieldErrors(e, 'location')}
      ${this.renderNearby()}

      ${this.renderPhotoPicker(e)}

      <div class="row" style="margin-top:12px">
        <input id="notify" type="checkbox" .checked=${this.form.notify} aria-describedby="notify-hint"
            @change=${(ev) => this.edit('notify', ev.target.checked)}>
        <label for="notify" style="margin:0">${this.t('notifyMe')}</label>
      </div>
      <p class="hint" id="notify-hint">${this.t('notifyHint')}</p>
      ${this.form.notify ? html`<label for="notify-email">${this.t('email')}</label>
        <input id="notify-email" type="email" maxlength="254" autocomplete="email" aria-invalid=${Boolean(e.email)}
            aria-describedby=${describedBy(e, 'email', 'notify-email-hint')}
            .value=${this.form.email} @input=${(ev) => this.edit('email', ev.target.value)}>
        <p class="hint" id="notify-email-hint">${this.t('emailHint')}</p>
        ${fieldErrors(e, 'email')}` : ''}

      ${this.formError ? html`<p class="notice bad" id="form-error" role="alert" tabindex="-1">${this.formError}</p>` : ''}
      <p><button type="submit" ?disabled=${this.sending} aria-busy=${this.sending}>${this.sending ? this.t('sending') : this.t('send')}</button></p>
    </form>`;
  }

  renderNearby() {
    if (!this.nearby?.length) return '';
    return html`<section id="nearby" class="result" aria-live="polite">
      <h3 style="margin-top:0">${this.t('nearbyHeading')}</h3>
      <p class="hint">${this.t('nearbyHint')}</p>
      <ul class="plain">${this.nearby.map((i) => html`<li>
        <strong>${i.number}</strong> — ${this.t(`incident_${i.status}`)}, ${this.t('nearbyDistance', { distance: i.distance })},
        ${this.t('nearbySupporters', { count: i.supporters })}
        ${i.mine ? html`<span class="hint">${this.t('meTooDone')}</span>`
          : html`<button type="button" class="secondary me-too" @click=${() => this.support(i.number)}>${this.t('meToo')}</button>`}
      </li>`)}</ul>
    </section>`;
  }

  renderPhotoPicker(e) {
    const full = this.photos.length >= MAX_PHOTOS;
    return html`<label for="photo-pick">${this.t('photos')}</label>
      <input id="photo-pick" type="file" accept="image/*" multiple ?disabled=${full}
          aria-describedby=${describedBy(e, 'photos', 'photo-hint')} @change=${(ev) => this.pickPhotos(ev)}>
      <label class="secondary-inline" for="photo-camera">${this.t('photoCamera')}</label>
      <input id="photo-camera" type="file" accept="image/*" capture="environment" ?disabled=${full}
          @change=${(ev) => this.pickPhotos(ev)}>
      <p class="hint" id="photo-hint">${this.t('photoHint', { max: MAX_PHOTOS })}</p>
      ${this.photos.length ? html`<ul class="photos" data-testid="photo-previews">${this.photos.map((p, i) => html`<li>
        ${p.preview ? html`<img src=${p.preview} alt=${this.t('photoN', { n: i + 1 })} width="96" height="96">` : html`<span class="photo-wait"></span>`}
        ${p.error ? html`<span class="error" role="alert">${p.error}</span>`
          : p.id ? html`<span class="hint" data-testid="photo-ready">${this.t('photoReady')}</span>`
          : html`<progress max="1" .value=${p.progress} aria-label=${this.t('photoUploading', { n: i + 1 })}></progress>`}
        <button type="button" class="secondary" data-testid="photo-remove" @click=${() => this.removePhoto(p.key)}
            aria-label=${this.t('photoRemove', { n: i + 1 })}>×</button>
      </li>`)}</ul>` : ''}
      ${fieldErrors(e, 'photos')}`;
  }

  renderReceipt(r) {
    return html`<div class="result" role="status">
      <h4 id="receipt-heading" tabindex="-1" style="margin:0">${this.t('registered')}</h4>
      <p>${this.t('number')}: <span class="number" data-testid="incident-number">${r.number}</span></p>
      <dl>
        <dt>${this.t('status')}</dt><dd>${this.t(`incident_${r.status}`)}</dd>
        ${r.organization ? html`<dt>${this.t('organization')}</dt><dd>${named(this.lang, r.organization)}</dd>` : ''}
        ${r.firstResponseDue ? html`<dt>${this.t('firstResponseDue')}</dt><dd data-testid="first-response-due">${dateTime(this.lang, r.firstResponseDue)}</dd>` : ''}
        ${r.resolutionDue ? html`<dt>${this.t('resolutionDue')}</dt><dd data-testid="resolution-due">${dateTime(this.lang, r.resolutionDue)}</dd>` : ''}
      </dl>
      ${this.receiptMailed ? html`<p class="hint" data-testid="receipt-mailed">${this.t('receiptMailed')}</p>` : ''}
    </div>`;
  }

  renderMine() {
    return html`<section aria-labelledby="mine-heading">
      <h3 id="mine-heading">${this.t('myMessages')}</h3>
      ${this.mine === null ? html`<p role="status">${this.t('loading')}</p>`
        : !this.mine.length ? html`<p>${this.t('noMessages')}</p>`
        : html`<ul class="plain" data-testid="my-messages">${this.mine.map((m) => html`<li>
            <details ?open=${this.openMine === m.number} @toggle=${(ev) => ev.target.open && this.loadDetail(m.number)}>
              <summary><strong>${m.number}</strong> — ${this.t(`incident_${m.status}`)}${m.overdue ? html`, <span class="error">${this.t('overdue')}</span>` : ''}
                <br><span class="hint">${named(this.lang, m.category)}: ${m.excerpt}</span></summary>
              ${this.renderMyDetail(this.details[m.number])}
            </details></li>`)}</ul>`}
    </section>`;
  }

  renderMyDetail(d) {
    if (!d || d.loading) return html`<p role="status">${this.t('loading')}</p>`;
    if (d.error) return html`<p class="error">${d.error}</p>`;
    const own = (p) => this.thumbnails.url(p);
    return html`<dl>
      ${d.resolutionDue ? html`<dt>${this.t('resolutionDue')}</dt><dd>${dateTime(this.lang, d.resolutionDue)}</dd>` : ''}
      ${d.photos?.length ? html`<dt>${this.t('photos')}</dt><dd>${gallery(d.photos, own, this.t('photo'), 'my-photos')}</dd>` : ''}
      <dt>${this.t('answer')}</dt>
      <dd>${d.answer ? html`${d.answer.resolution ? html`<strong>${this.t(`resolution_${d.answer.resolution}`)}.</strong> ` : ''}${d.answer.text || ''}
        ${gallery(d.answer.photos, own, this.t('photoAfter'), 'answer-photos')}` : this.t('noAnswer')}</dd>
    </dl>`;
  }

  renderFollowing() {
    const f = this.following || { items: [], loading: true };
    const followed = new Set((f.items || []).filter((i) => !i.categoryCode).map((i) => i.districtCode));
    const district = (code) => named(this.lang, this.districts.find((d) => d.code === code) || { nameRu: code, nameEn: code });
    return html`<section aria-labelledby="following-heading" data-testid="following">
      <h3 id="following-heading">${this.t('followingTitle')}</h3>
      <p class="hint">${this.t('followingHint')}</p>
      ${f.loading ? html`<p role="status">${this.t('loading')}</p>` : ''}
      ${f.email ? html`<p data-testid="following-address">${this.t('followingAddress', { email: f.email })}
        ${f.emailConfirmed === false ? html`<br><span class="notice" data-testid="following-unconfirmed">${this.t('followingUnconfirmed')}</span>` : ''}
        ${f.addressRefused ? html`<br><span class="error">${this.t('followingRefused')}</span>` : ''}</p>` : ''}
      ${(f.items || []).length ? html`<ul class="plain" data-testid="following-list">${f.items.map((i) => html`<li>
          ${district(i.districtCode)}${i.categoryCode ? ` — ${i.categoryCode}` : ''}
          <button type="button" class="secondary" ?disabled=${this.follow.saving} @click=${() => this.unfollow(i.id)}
              aria-label=${this.t('unfollowDistrict', { district: district(i.districtCode) })}>${this.t('unfollow')}</button>
        </li>`)}</ul>` : ''}
      <form class="row" @submit=${(ev) => this.followDistrict(ev)}>
        <div class="grow">
          <label for="follow-district">${this.t('district')}</label>
          <select id="follow-district" @change=${(ev) => { this.follow = { ...this.follow, district: ev.target.value }; }}>
            <option value="" ?selected=${!this.follow.district}>${this.t('chooseDistrict')}</option>
            ${this.districts.filter((d) => !followed.has(d.code)).map((d) => html`<option value=${d.code}
                ?selected=${d.code === this.follow.district}>${named(this.lang, d)}</option>`)}
          </select>
          <label for="follow-email">${this.t('email')}</label>
          <input id="follow-email" type="email" maxlength="254" autocomplete="email" aria-describedby="follow-email-hint"
              .value=${this.follow.email} @input=${(ev) => { this.follow = { ...this.follow, email: ev.target.value }; }}>
          <p class="hint" id="follow-email-hint">${this.t('emailHint')}</p>
        </div>
        <button type="submit" ?disabled=${this.follow.saving || !this.follow.district}>${this.t('followDistrict')}</button>
      </form>
      ${this.follow.error ? html`<p class="error" role="alert" data-testid="following-error">${this.follow.error}</p>` : ''}
    </section>`;
  }

  renderLookup() {
    const r = this.lookup.result;
    return html`<section aria-labelledby="lookup-heading">
      <h3 id="lookup-heading">${this.t('statusLookup')}</h3>
      <form class="row" @submit=${this.lookUp}>
        <div class="grow">
          <label for="lookup-number">${this.t('number')}</label>
          <input id="lookup-number" type="text" inputmode="text" autocomplete="off" placeholder="2611-000042"
              .value=${this.lookup.number} @input=${(ev) => { this.lookup = { ...this.lookup, number: ev.target.value }; }}>
        </div>
        <button type="submit" ?disabled=${this.lookup.loading}>${this.t('lookup')}</button>
      </form>
      <div role="status" aria-live="polite">
        ${this.lookup.loading ? html`<p>${this.t('loading')}</p>` : ''}
        ${this.lookup.error ? html`<p class="error">${this.lookup.error}</p>` : ''}
        ${r ? html`<div class="result" data-testid="status-result">
          <p>${this.t('number')}: <span class="number">${r.number}</span></p>
          <dl>
            ${r.status ? html`<dt>${this.t('status')}</dt><dd>${this.t(`incident_${r.status}`)}${r.overdue ? html`, <span class="error">${this.t('overdue')}</span>` : ''}</dd>` : ''}
            ${r.mergedInto ? html`<dt>${this.t('mergedInto')}</dt><dd>${r.mergedInto}</dd>` : ''}
            ${r.category ? html`<dt>${this.t('category')}</dt><dd>${named(this.lang, r.category)}</dd>` : ''}
            ${r.district ? html`<dt>${this.t('district')}</dt><dd>${named(this.lang, r.district)}</dd>` : ''}
            ${r.organization ? html`<dt>${this.t('organization')}</dt><dd>${named(this.lang, r.organization)}</dd>` : ''}
            ${r.createdAt ? html`<dt>${this.t('createdAt')}</dt><dd>${dateTime(this.lang, r.createdAt)}</dd>` : ''}
            ${r.updatedAt ? html`<dt>${this.t('updatedAt')}</dt><dd>${dateTime(this.lang, r.updatedAt)}</dd>` : ''}
            ${r.firstResponseDue ? html`<dt>${this.t('firstResponseDue')}</dt><dd>${dateTime(this.lang, r.firstResponseDue)}</dd>` : ''}
            ${r.resolutionDue ? html`<dt>${this.t('resolutionDue')}</dt><dd>${dateTime(this.lang, r.resolutionDue)}</dd>` : ''}
            ${r.answer?.resolution ? html`<dt>${this.t('resolution')}</dt><dd>${this.t(`resolution_${r.answer.resolution}`)}</dd>` : ''}
            ${r.answer?.text ? html`<dt>${this.t('answer')}</dt><dd>${r.answer.text}</dd>` : ''}
          </dl>
          ${gallery(r.photos, (p) => `${this.client.base}${p.thumbnailUrl}`, this.t('photo'), 'status-photos')}</div>` : ''}
      </div>
    </section>`;
  }
}
