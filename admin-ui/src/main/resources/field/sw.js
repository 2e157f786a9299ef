// Lumbung's field page offline: the page, its script and style, and the last list of assigned
// proposals are kept in a cache; a page opened without a signal is served from it. Sending a
// visit (a POST) is never handled here: the page queues it and sends it itself when online.
const CACHE = 'lumbung-lapangan-v1';

self.addEventListener('install', event => {
  const base = new URL(self.registration.scope);
  event.waitUntil(caches.open(CACHE).then(cache => cache.addAll([
    new URL('lapangan', base).href,
    '/static/lapangan.js',
    '/static/lumbung.css'
  ])).then(() => self.skipWaiting()));
});

self.addEventListener('activate', event => {
  event.waitUntil(caches.keys()
    .then(keys => Promise.all(keys.filter(key => key !== CACHE).map(key => caches.delete(key))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', event => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  const field = url.pathname.endsWith('/lapangan') || url.pathname.endsWith('/lapangan/tugas.json')
    || url.pathname === '/static/lapangan.js' || url.pathname === '/static/lumbung.css';
  if (!field) {
    return;
  }
  // Network first (fresh assignments when there is a signal), the kept copy without one.
  event.respondWith(fetch(request).then(response => {
    if (response.ok && !response.redirected) {
      const copy = response.clone();
      caches.open(CACHE).then(cache => cache.put(request, copy));
    }
    return response;
  }).catch(() => caches.match(request, {ignoreSearch: true}).then(kept => kept
    || new Response('Offline: halaman ini belum tersimpan di perangkat.', {status: 503}))));
});
