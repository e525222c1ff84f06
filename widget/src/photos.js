import { html } from 'lit';
import { ApiError } from './api.js';

// Photos in the widget: shrunk in the browser (canvas, long side at most 2,560 px, JPEG) so that a 12 MB phone
// photo goes up as a few hundred KB, uploaded at once with progress, previewed, removable; thumbnails of a
// citizen's own photos are fetched with the token (an <img> cannot send one) and shown from object URLs.

export const MAX_PHOTOS = 5;
const LONG_SIDE = 2560;
const QUALITY = 0.85;

/** The picked file as a JPEG blob of at most LONG_SIDE px, turned upright; EXIF and GPS do not survive a canvas. */
export async function shrink(file) {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const scale = Math.min(1, LONG_SIDE / Math.max(bitmap.width, bitmap.height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(bitmap.width * scale));
  canvas.height = Math.max(1, Math.round(bitmap.height * scale));
  const context = canvas.getContext('2d');
  context.fillStyle = '#ffffff';
  context.fillRect(0, 0, canvas.width, canvas.height);
  context.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close?.();
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  if (!blob) throw new Error('canvas');
  return blob;
}

/** POST /api/v1/media with upload progress (fetch has none); resolves to the stored photo, rejects with an ApiError. */
export function upload(api, blob, onProgress) {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', `${api.base}/api/v1/media`);
    request.setRequestHeader('Accept', 'application/json');
    if (api.session?.accessToken) request.setRequestHeader('Authorization', `Bearer ${api.session.accessToken}`);
    request.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    request.onerror = () => reject(new ApiError(0, {}));
    request.onload = () => {
      let data = null;
      try { data = JSON.parse(request.responseText); } catch (e) { data = null; }
      if (request.status === 201) resolve(data);
      else {
        const retryAfter = Number.parseInt(request.getResponseHeader('Retry-After') || '', 10);
        reject(new ApiError(request.status, data, Number.isFinite(retryAfter) ? retryAfter : null));
      }
    };
    const form = new FormData();
    form.append('file', blob, 'photo.jpg');
    request.send(form);
  });
}

/** Object URLs of thumbnails read with the citizen's token, by media id; cached for the element's life. */
export class Thumbnails {
  constructor(host) {
    this.host = host;
    this.urls = {};
  }

  url(photo) {
    if (!(photo.id in this.urls)) {
      this.urls[photo.id] = null;
      const api = this.host.client;
      const headers = api.session?.accessToken ? { Authorization: `Bearer ${api.session.accessToken}` } : {};
      fetch(`${api.base}${photo.thumbnailUrl}`, { headers, credentials: 'omit', mode: 'cors' })
        .then((r) => (r.ok ? r.blob() : null))
        .then((blob) => {
          if (blob) {
            this.urls[photo.id] = URL.createObjectURL(blob);
            this.host.requestUpdate();
          }
        })
        .catch(() => {});
    }
    return this.urls[photo.id];
  }

  clear() {
    Object.values(this.urls).forEach((u) => u && URL.revokeObjectURL(u));
    this.urls = {};
  }
}

/** A row of thumbnails; public ones (status lookup) load straight from the API. */
export function gallery(photos, src, label, testId) {
  if (!photos?.length) return '';
  return html`<ul class="photos" data-testid=${testId} aria-label=${label}>${photos.map((p, i) => html`<li>
    ${src(p) ? html`<img src=${src(p)} alt=${`${label} ${i + 1}`} width="96" height="96" loading="lazy">` : html`<span class="photo-wait"></span>`}
  </li>`)}</ul>`;
}
