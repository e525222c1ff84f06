import { html } from 'lit';
import { OtklikElement } from './base.js';
import { randomToken } from './auth.js';
import { dateTime, named } from './i18n.js';

/**
 * <otklik-polls>: open polls (with whether the citizen may vote, and why not), a ballot form with one
 * control per question type, the receipt and its check, and results as the poll's policy allows.
 */
export class OtklikPolls extends OtklikElement {
  static properties = {
    ...OtklikElement.properties,
    polls: { state: true },
    closed: { state: true },
    voting: { state: true },
    poll: { state: true },
    answers: { state: true },
    errors: { state: true },
    formError: { state: true },
    sending: { state: true },
    receipt: { state: true },
    results: { state: true },
    check: { state: true },
  };

  constructor() {
    super();
    this.polls = null;
    this.closed = [];
    this.voting = {};
    this.poll = null;
    this.answers = {};
    this.errors = {};
    this.formError = null;
    this.sending = false;
    this.receipt = null;
    this.results = null;
    this.check = { code: '', result: null, error: null };
    this._idempotencyKey = null;
  }

  connectedCallback() {
    super.connectedCallback();
    this.loadPolls();
  }

  sessionChanged() {
    this.voting = {};
    this.loadVoting();
    if (this.poll) this.open(this.poll.id, false);
  }

  async loadPolls() {
    try {
      const [open, closed] = [await this.client.get('/api/v1/polls?state=OPEN&limit=20'), await this.client.get('/api/v1/polls?state=CLOSED&limit=5')];
      this.polls = open?.items || [];
      this.closed = (closed?.items || []).filter((p) => p.resultsVisible);
      this.loadVoting();
    } catch (e) {
      this.polls = false;
      this.notice = { bad: true, text: this.problemText(e) };
    }
  }

  /** For a logged-in citizen: may they vote in each open poll, and if not, why. */
  async loadVoting() {
    if (!this.signedIn || !this.polls) return;
    for (const p of this.polls) {
      try {
        const detail = await this.client.get(`/api/v1/polls/${p.id}`);
        if (detail.voting) this.voting = { ...this.voting, [p.id]: detail.voting };
      } catch (e) {
        if (e.status === 401) return;
      }
    }
  }

  async open(id, focus = true) {
    this.notice = null;
    try {
      this.poll = await this.client.get(`/api/v1/polls/${id}`);
      if (this.poll.voting) this.voting = { ...this.voting, [id]: this.poll.voting };
      if (!this.receipt || this.receipt.pollId !== id) {
        this.receipt = null;
        this.answers = {};
        this.errors = {};
        this.formError = null;
        this.results = null;
      }
      if (focus) {
        await this.updateComplete;
        this.renderRoot.querySelector('#poll-heading')?.focus();
      }
    } catch (e) {
      this.notice = { bad: true, text: this.problemText(e) };
    }
  }

  async back() {
    this.poll = null;
    this.receipt = null;
    this.results = null;
    await this.updateComplete;
    this.renderRoot.querySelector('#polls-heading')?.focus();
  }

  answer(questionId, value) {
    this.answers = { ...this.answers, [questionId]: value };
    this._idempotencyKey = null;
  }

  toggle(questionId, code, checked) {
    const current = new Set(this.answers[questionId] || []);
    if (checked) current.add(code);
    else current.delete(code);
    this.answer(questionId, [...current]);
  }

  ballot() {
    const answers = [];
    for (const q of this.poll.questions) {
      const value = this.answers[q.id];
      if (value === undefined || value === '' || (Array.isArray(value) && !value.length)) continue;
      if (q.type === 'SINGLE') answers.push({ questionId: q.id, optionCodes: [value] });
      else if (q.type === 'MULTIPLE') answers.push({ questionId: q.id, optionCodes: value });
      else if (q.type === 'RATING') answers.push({ questionId: q.id, rating: Number(value) });
      else answers.push({ questionId: q.id, text: value });
    }
    return { answers };
  }

  async vote(event) {
    event.preventDefault();
    if (this.sending) return;
    this.sending = true;
    this.errors = {};
    this.formError = null;
    const body = this.ballot();
    this._idempotencyKey ||= randomToken(18);
    try {
      this.receipt = await this.client.post(`/api/v1/polls/${this.poll.id}/ballots`, body, {
        auth: true, headers: { 'Idempotency-Key': this._idempotencyKey },
      });
      this._idempotencyKey = null;
      this.voting = { ...this.voting, [this.poll.id]: { canVote: false, hasVoted: true, reason: 'ALREADY_VOTED' } };
      await this.updateComplete;
      this.renderRoot.querySelector('#receipt-heading')?.focus();
    } catch (e) {
      // /answers/{i}/… points into the ballot we sent: show it at that answer's question.
      const errors = e.fieldErrors ? e.fieldErrors((pointer) => {
        const match = /^\/answers\/(\d+)/.exec(pointer);
        return match && body.answers[Number(match[1])] ? body.answers[Number(match[1])].questionId : 'form';
      }) : {};
      const { form, ...fields } = errors;
      this.errors = fields;
      this.formError = Object.keys(fields).length ? this.t('fixErrors') : this.problemText(e);
      if (form && Object.keys(fields).length) this.formError += ` ${form.join('; ')}`;
      else if (form) this.formError = form.join('; ');
      await this.updateComplete;
      const first = this.poll.questions.find((q) => fields[q.id]);
      this.renderRoot.querySelector(first ? `[name="${first.id}"]` : '#form-error')?.focus();
    } finally {
      this.sending = false;
    }
  }

  async showResults(id) {
    try {
      this.results = await this.client.get(`/api/v1/polls/${id}/results`, { auth: 'never' });
      await this.updateComplete;
      this.renderRoot.querySelector('#results-heading')?.focus();
    } catch (e) {
      this.results = { error: e.status === 403 || e.status === 409 ? this.t('resultsHidden') : this.problemText(e) };
    }
  }

  async checkReceipt(code) {
    const trimmed = (code || '').trim().toUpperCase();
    if (!trimmed) return;
    this.check = { code: trimmed, result: null, error: null };
    try {
      // In the body, never in the URL: proxies log URLs.
      const result = await this.client.post('/api/v1/polls/receipt-checks', { receipt: trimmed }, { auth: 'never' });
      this.check = { code: trimmed, result, error: null };
    } catch (e) {
      this.check = { code: trimmed, result: null, error: e.status === 404 ? this.t('receiptUnknown') : this.problemText(e) };
    }
    await this.updateComplete;
    this.renderRoot.querySelector('#check-result')?.focus();
  }

  render() {
    return html`${this.renderHeader(this.t('pollsTitle'))}
      ${this.poll ? this.renderPoll(this.poll) : this.renderList()}
      ${this.renderCheck()}`;
  }

  renderList() {
    return html`<section aria-labelledby="polls-heading">
      <h3 id="polls-heading" tabindex="-1">${this.t('openPolls')}</h3>
      ${this.polls === null ? html`<p role="status">${this.t('loading')}</p>`
        : this.polls === false ? ''
        : !this.polls.length ? html`<p>${this.t('noPolls')}</p>`
        : html`<ul class="plain" data-testid="poll-list">${this.polls.map((p) => this.renderItem(p))}</ul>`}
      ${this.closed.length ? html`<h3>${this.t('closedPolls')}</h3>
        <ul class="plain">${this.closed.map((p) => this.renderItem(p))}</ul>` : ''}
    </section>`;
  }

  renderItem(p) {
    const voting = this.voting[p.id];
    return html`<li>
      <strong>${named(this.lang, p.title)}</strong>
      <span class="hint">(${this.t(`state_${p.state}`)}${p.state === 'OPEN' ? html`, ${this.t('closes', { date: dateTime(this.lang, p.closesAt) })}` : ''})</span>
      ${voting ? html`<p class="hint" data-testid="voting-${p.id}">${voting.canVote ? this.t('canVote') : this.t(`reason_${voting.reason}`)}</p>` : ''}
      <div class="row" style="margin-top:6px">
        ${p.state === 'OPEN' ? html`<button @click=${() => this.open(p.id)} aria-label="${this.t('participate')}: ${named(this.lang, p.title)}">${this.t('participate')}</button>` : ''}
        ${p.resultsVisible ? html`<button class="secondary" @click=${async () => { await this.open(p.id, false); this.showResults(p.id); }}
            aria-label="${this.t('showResults')}: ${named(this.lang, p.title)}">${this.t('showResults')}</button>` : ''}
      </div>
    </li>`;
  }

  renderPoll(poll) {
    const voting = this.voting[poll.id] || poll.voting;
    return html`<section aria-labelledby="poll-heading">
      <p><button class="secondary" @click=${() => this.back()}>← ${this.t('back')}</button></p>
      <h3 id="poll-heading" tabindex="-1">${named(this.lang, poll.title)}</h3>
      ${poll.description ? html`<p>${named(this.lang, poll.description)}</p>` : ''}
      <p class="hint">${this.t(`state_${poll.state}`)}${poll.state === 'OPEN' ? html`, ${this.t('closes', { date: dateTime(this.lang, poll.closesAt) })}` : ''}</p>
      ${this.receipt ? this.renderReceipt(this.receipt) : ''}
      ${!this.receipt && poll.state === 'OPEN' ? (
        !this.signedIn ? html`<p class="notice">${this.t('loginToVote')}</p>`
        : voting && !voting.canVote ? html`<p class="notice" data-testid="voting-reason">${this.t(`reason_${voting.reason}`)}</p>`
        : this.renderBallot(poll)) : ''}
      ${poll.resultsVisible && !this.results ? html`<p><button class="secondary" @click=${() => this.showResults(poll.id)}>${this.t('showResults')}</button></p>` : ''}
      ${this.results ? this.renderResults(this.results, poll) : ''}
    </section>`;
  }

  renderBallot(poll) {
    return html`<form novalidate @submit=${this.vote}>
      ${poll.questions.map((q) => this.renderQuestion(q))}
      ${this.formError ? html`<p class="notice bad" id="form-error" role="alert" tabindex="-1">${this.formError}</p>` : ''}
      <p><button type="submit" ?disabled=${this.sending} aria-busy=${this.sending}>${this.sending ? this.t('voting') : this.t('vote')}</button></p>
    </form>`;
  }

  renderQuestion(q) {
    const error = this.errors[q.id];
    const errorId = `${q.id}-error`;
    const hintId = `${q.id}-hint`;
    const title = html`${named(this.lang, q.title)}${q.required ? '' : html` <span class="hint">(${this.t('optional')})</span>`}`;
    const errorText = error ? html`<p class="error" id=${errorId}>${error.join('; ')}</p>` : '';
    const described = [error ? errorId : '', hintId].filter(Boolean).join(' ');
    if (q.type === 'TEXT') {
      return html`<div>
        <label for=${q.id}>${title}</label>
        <textarea id=${q.id} name=${q.id} maxlength=${q.maxLength || 1000} aria-invalid=${Boolean(error)} aria-describedby=${described}
            .value=${this.answers[q.id] || ''} @input=${(ev) => this.answer(q.id, ev.target.value)}></textarea>
        <p class="hint" id=${hintId}>${this.t('counter', { count: (this.answers[q.id] || '').length, max: q.maxLength || 1000 })}</p>
        ${errorText}</div>`;
    }
    let hint = '';
    let options;
    if (q.type === 'RATING') {
      hint = this.t('ratingOf', { scale: q.scale });
      options = Array.from({ length: q.scale }, (_, i) => html`<label class="choice">
        <input type="radio" name=${q.id} value=${i + 1} .checked=${Number(this.answers[q.id]) === i + 1}
            @change=${() => this.answer(q.id, i + 1)}>${i + 1}</label>`);
    } else if (q.type === 'MULTIPLE') {
      hint = this.t('chooseFrom', { min: q.min ?? 1, max: q.max ?? q.options.length });
      options = q.options.map((o) => html`<label class="choice">
        <input type="checkbox" name=${q.id} value=${o.code} .checked=${(this.answers[q.id] || []).includes(o.code)}
            @change=${(ev) => this.toggle(q.id, o.code, ev.target.checked)}>${named(this.lang, o.title)}</label>`);
    } else {
      options = q.options.map((o) => html`<label class="choice">
        <input type="radio" name=${q.id} value=${o.code} .checked=${this.answers[q.id] === o.code}
            @change=${() => this.answer(q.id, o.code)}>${named(this.lang, o.title)}</label>`);
    }
    return html`<fieldset aria-invalid=${Boolean(error)} aria-describedby=${described} data-question=${q.id}>
      <legend>${title}</legend>
      <p class="hint" id=${hintId}>${hint}</p>
      ${options}
      ${errorText}
    </fieldset>`;
  }

  renderReceipt(r) {
    return html`<div class="result" role="status">
      <h4 id="receipt-heading" tabindex="-1" style="margin:0">${this.t('voted')}</h4>
      <p>${this.t('receipt')}: <code class="receipt" data-testid="receipt-code">${r.receipt}</code></p>
      <p class="hint">${this.t('keepReceipt')}</p>
      <p><button class="secondary" @click=${() => this.checkReceipt(r.receipt)}>${this.t('checkMyReceipt')}</button></p>
    </div>`;
  }

  renderResults(results, poll) {
    if (results.error) return html`<p class="notice" role="status">${results.error}</p>`;
    const percent = (share) => (share * 100).toLocaleString(this.lang === 'en' ? 'en-GB' : 'ru-RU', { maximumFractionDigits: 1 });
    return html`<div data-testid="results">
      <h4 id="results-heading" tabindex="-1">${this.t('results')}</h4>
      <p>${this.t('participants', { count: results.participants })}</p>
      ${(results.questions || []).map((q) => html`<div>
        <h5 style="margin:12px 0 4px;font-size:1em">${named(this.lang, q.title || poll.questions.find((x) => x.id === q.questionId)?.title)}</h5>
        <p class="hint">${this.t('answered', { count: q.answered })}</p>
        ${q.options ? html`<ul class="plain">${q.options.map((o) => html`<li>
            <div>${named(this.lang, o.title)}: ${this.t('votes', { count: o.count, share: percent(o.share) })}</div>
            <div class="bar" role="presentation"><span style="width:${Math.round(o.share * 100)}%"></span></div></li>`)}</ul>` : ''}
        ${q.mean !== undefined && q.mean !== null ? html`<p>${this.t('mean', { mean: q.mean })}</p>` : ''}
        ${q.type === 'TEXT' ? html`<p>${this.t('textAnswers', { count: q.answered })}</p>` : ''}
      </div>`)}
    </div>`;
  }

  renderCheck() {
    const r = this.check.result;
    return html`<section aria-labelledby="check-heading">
      <h3 id="check-heading">${this.t('checkReceipt')}</h3>
      <form class="row" @submit=${(ev) => { ev.preventDefault(); this.checkReceipt(this.check.code); }}>
        <div class="grow">
          <label for="receipt-code">${this.t('receipt')}</label>
          <input id="receipt-code" type="text" autocomplete="off" spellcheck="false" .value=${this.check.code}
              @input=${(ev) => { this.check = { ...this.check, code: ev.target.value }; }}>
        </div>
        <button type="submit">${this.t('check')}</button>
      </form>
      <div id="check-result" tabindex="-1" role="status" aria-live="polite">
        ${this.check.error ? html`<p class="error">${this.check.error}</p>` : ''}
        ${r ? html`<div class="result" data-testid="receipt-check"><strong>${this.t(`receiptStatus_${r.status}`)}</strong>
          <dl><dt>${this.t('poll')}</dt><dd>${named(this.lang, r.pollTitle)}</dd>
          <dt>${this.t('castHour')}</dt><dd>${dateTime(this.lang, r.castHour)}</dd></dl></div>` : ''}
      </div>
    </section>`;
  }
}
