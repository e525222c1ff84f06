// Calls to the Otklik API. Answers are {status, data} or an ApiError carrying the problem+json body.

export class ApiError extends Error {
  constructor(status, problem, retryAfter) {
    super(problem?.detail || problem?.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem || {};
    this.retryAfter = retryAfter;
  }

  /** errors[] by field: the first segment of each JSON pointer (or the parameter name). */
  fieldErrors(fieldOfPointer = (p) => p.split('/')[1]) {
    const byField = {};
    for (const e of this.problem.errors || []) {
      const field = e.pointer ? fieldOfPointer(e.pointer) : e.parameter;
      if (!field) continue;
      (byField[field] ||= []).push(e.message);
    }
    return byField;
  }
}

export class Api {
  constructor(base, session) {
    this.base = base.replace(/\/+$/, '');
    this.session = session;
  }

  async request(method, path, { body, headers = {}, auth = false } = {}) {
    const h = { Accept: 'application/json', ...headers };
    const token = this.session?.accessToken;
    if (token && auth !== 'never') h.Authorization = `Bearer ${token}`;
    else if (auth === true) throw new ApiError(401, {});
    if (body !== undefined) h['Content-Type'] = 'application/json';
    let response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method, headers: h, body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit', mode: 'cors',
      });
    } catch (e) {
      throw new ApiError(0, {});
    }
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch (e) { data = null; }
    }
    if (!response.ok) {
      if (response.status === 401 && token) this.session.clear();
      const retryAfter = Number.parseInt(response.headers.get('Retry-After') || '', 10);
      throw new ApiError(response.status, data, Number.isFinite(retryAfter) ? retryAfter : null);
    }
    return data;
  }

  get(path, options) {
    return this.request('GET', path, options);
  }

  post(path, body, options) {
    return this.request('POST', path, { ...options, body });
  }

  put(path, body, options) {
    return this.request('PUT', path, { ...options, body });
  }
}
