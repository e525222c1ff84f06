import { LitElement, html, css, nothing } from 'lit';
import { Api } from './api.js';
import { detachedSession, sessionFor } from './auth.js';
import { language, t } from './i18n.js';

// Where otklik.js came from: the API's origin when the element has no api attribute.
const SCRIPT_ORIGIN = document.currentScript?.src ? new URL(document.currentScript.src).origin : window.location.origin;

// Theming: the host page sets these custom properties on the element (or an ancestor).
export const styles = css`
  :host {
    display: block;
    font-family: var(--otklik-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: var(--otklik-font-size, 16px);
    line-height: 1.45;
    color: var(--otklik-color-text, #1a1a1a);
    background: var(--otklik-color-background, #ffffff);
    border: 1px solid var(--otklik-color-border, #6b6b6b);
    border-radius: var(--otklik-radius, 8px);
    padding: var(--otklik-spacing, 16px);
    max-width: var(--otklik-max-width, 640px);
    box-sizing: border-box;
  }
  *, *::before, *::after { box-sizing: inherit; }
  h2 { font-size: 1.3em; margin: 0; }
  h3 { font-size: 1.1em; margin: 1.2em 0 0.5em; }
  header { display: flex; flex-wrap: wrap; gap: 8px; justify-content: space-between; align-items: center; margin-bottom: 12px; }
  .who { display: flex; gap: 8px; align-items: center; font-size: 0.9em; }
  label, legend { display: block; font-weight: 600; margin: 12px 0 4px; }
  fieldset { border: 1px solid var(--otklik-color-border, #6b6b6b); border-radius: var(--otklik-radius, 8px); margin: 12px 0; padding: 8px 12px 12px; }
  fieldset label.choice { font-weight: 400; display: flex; gap: 8px; align-items: center; margin: 6px 0; }
  input[type=text], input:not([type]), select, textarea {
    width: 100%; font: inherit; color: inherit; background: var(--otklik-color-background, #ffffff);
    border: 1px solid var(--otklik-color-border, #6b6b6b); border-radius: calc(var(--otklik-radius, 8px) / 2); padding: 8px;
  }
  textarea { min-height: 7em; resize: vertical; }
  [aria-invalid=true] { border-color: var(--otklik-color-error, #b00020); border-width: 2px; }
  button {
    font: inherit; cursor: pointer; border-radius: calc(var(--otklik-radius, 8px) / 2); padding: 8px 14px;
    border: 2px solid var(--otklik-color-primary, #0b5cad); background: var(--otklik-color-primary, #0b5cad);
    color: var(--otklik-color-on-primary, #ffffff);
  }
  button.secondary { background: transparent; color: var(--otklik-color-primary, #0b5cad); }
  button[disabled] { opacity: 0.7; cursor: progress; }
  :focus-visible { outline: 3px solid var(--otklik-color-focus, #f2a900); outline-offset: 2px; }
  .hint, .counter { font-size: 0.9em; color: var(--otklik-color-muted, #4d4d4d); margin: 4px 0 0; }
  .error { color: var(--otklik-color-error, #b00020); font-size: 0.95em; margin: 4px 0 0; }
  .notice { padding: 10px 12px; border-radius: calc(var(--otklik-radius, 8px) / 2); margin: 12px 0; background: var(--otklik-color-surface, #f1f4f8); }
  .notice.bad { background: #fdecee; color: var(--otklik-color-error, #b00020); }
  .result { border-left: 4px solid var(--otklik-color-primary, #0b5cad); padding: 8px 12px; margin: 12px 0; background: var(--otklik-color-surface, #f1f4f8); }
  .number { font-size: 1.5em; font-weight: 700; letter-spacing: 0.03em; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 8px 0; }
  dt { font-weight: 600; }
  dd { margin: 0; }
  ul.plain { list-style: none; padding: 0; margin: 0; }
  ul.plain > li { border-bottom: 1px solid var(--otklik-color-surface, #f1f4f8); padding: 8px 0; }
  .row { display: flex; gap: 8px; align-items: flex-end; flex-wrap: wrap; }
  .row > .grow { flex: 1 1 12em; }
  .bar { height: 10px; background: var(--otklik-color-surface, #e3e8ef); border-radius: 5px; overflow: hidden; }
  .bar > span { display: block; height: 100%; background: var(--otklik-color-primary, #0b5cad); }
  code.receipt { font-size: 1.1em; font-weight: 700; word-break: break-all; }
  ul.photos { list-style: none; display: flex; flex-wrap: wrap; gap: 8px; padding: 0; margin: 8px 0; }
  ul.photos > li { display: flex; flex-direction: column; gap: 4px; align-items: flex-start; max-width: 112px; }
  ul.photos img, .photo-wait { width: 96px; height: 96px; object-fit: cover; border-radius: calc(var(--otklik-radius, 8px) / 2); background: var(--otklik-color-surface, #f1f4f8); display: block; }
  input[type=file] { font: inherit; margin: 4px 0; }
  label.secondary-inline { font-weight: 400; }
  .visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;

/** What both elements share: attributes, the API client, the login session and problem messages. */
export class OtklikElement extends LitElement {
  static properties = {
    api: { type: String },
    issuer: { type: String },
    clientId: { type: String, attribute: 'client-id' },
    redirectUri: { type: String, attribute: 'redirect-uri' },
    lang: { type: String },
    notice: { state: true },
    signedIn: { state: true },
  };

  static styles = styles;

  constructor() {
    super();
    this.api = '';
    this.issuer = '';
    this.clientId = 'otklik-widget';
    this.redirectUri = '';
    this.lang = 'ru';
    this.notice = null;
    this.signedIn = false;
    this._session = null;
    this._unsubscribe = null;
  }

  /** A token the host page already holds (a site with its own login, or the dev-mode demo). */
  set token(value) {
    this._ensureSession();
    if (value) this._session.set(value, 300);
    else this._session.clear();
  }

  get token() {
    return this._session?.accessToken ?? null;
  }

  t(key, params) {
    return t(this.lang, key, params);
  }

  get client() {
    this._ensureSession();
    if (!this._client || this._client.base !== (this.api || '').replace(/\/+$/, '')) {
      this._client = new Api(this.apiBase(), this._session);
    }
    return this._client;
  }

  apiBase() {
    return (this.api || SCRIPT_ORIGIN).replace(/\/+$/, '');
  }

  _ensureSession() {
    const wanted = this.issuer ? `${this.issuer}\n${this.clientId}` : '';
    if (this._session && this._sessionKey === wanted) return;
    if (this._unsubscribe) this._unsubscribe();
    this._session = this.issuer ? sessionFor(this.issuer, this.clientId) : (this._session || detachedSession());
    this._sessionKey = wanted;
    this._unsubscribe = this._session.subscribe(() => {
      const now = Boolean(this._session.accessToken);
      const changed = now !== this.signedIn;
      this.signedIn = now;
      if (changed) this.sessionChanged();
    });
    this.signedIn = Boolean(this._session.accessToken);
  }

  connectedCallback() {
    super.connectedCallback();
    this._ensureSession();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    if (this._unsubscribe) this._unsubscribe();
    this._unsubscribe = null;
    this._session = null;
  }

  updated(changed) {
    if (changed.has('lang')) this.setAttribute('lang', language(this.lang));
  }

  /** Called when the citizen logs in or out (here or in another element of the page). */
  sessionChanged() {}

  async login() {
    this.notice = null;
    if (!this.issuer) {
      this.notice = { bad: true, text: this.t('loginUnavailable') };
      return;
    }
    const redirectUri = this.redirectUri || `${this.apiBase()}/widget/callback.html`;
    try {
      await this._session.login(redirectUri, language(this.lang));
    } catch (e) {
      this.notice = { bad: true, text: e.code === 'cancelled' ? this.t('loginCancelled') : this.t('loginFailed', { detail: e.message }) };
    }
  }

  logout() {
    this._session.clear();
  }

  /** A user-facing sentence for a failed call (field errors are shown next to their fields). */
  problemText(error) {
    if (!error || error.status === undefined) return String(error);
    if (error.status === 0) return this.t('networkError');
    if (error.status === 429) {
      return error.retryAfter ? this.t('tooMany', { seconds: error.retryAfter }) : this.t('tooManyNoTime');
    }
    if (error.status === 401) return this.t('sessionExpired');
    return error.problem?.detail || error.problem?.title || `HTTP ${error.status}`;
  }

  renderHeader(title) {
    return html`<header>
      <h2>${title}</h2>
      <div class="who">
        ${this.signedIn
          ? html`<span>${this.t('loggedIn')}</span><button class="secondary" @click=${() => this.logout()}>${this.t('logout')}</button>`
          : html`<button @click=${() => this.login()}>${this.t('login')}</button>`}
      </div>
    </header>
    ${this.notice ? html`<p class="notice ${this.notice.bad ? 'bad' : ''}" role=${this.notice.bad ? 'alert' : 'status'}>${this.notice.text}</p>` : ''}`;
  }
}

/** Helpers for a field with its errors: ids for aria-describedby and the error paragraph. */
export function fieldErrors(errors, field) {
  const messages = errors?.[field];
  return messages && messages.length
    ? html`<p class="error" id="${field}-error">${messages.join('; ')}</p>`
    : '';
}

export function describedBy(errors, field, ...more) {
  const ids = [...more];
  if (errors?.[field]?.length) ids.push(`${field}-error`);
  return ids.join(' ') || nothing;
}
