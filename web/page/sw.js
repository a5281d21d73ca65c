// Service worker: makes the served page work offline after the first visit. The cache is
// named after the build (__BUILD_ID__ is stamped by cmake/finish_dist.cmake), precaches exactly
// the built files (__PRECACHE__), deletes older caches on activate and never touches requests
// to other origins (there should be none: the page's CSP forbids them).
const CACHE = 'denial-explainer-__BUILD_ID__';
const PRECACHE = [__PRECACHE__];
const PREFIX = 'denial-explainer-';

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(PRECACHE.map((path) => new Request(path, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== CACHE).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    // Cache first: every file of a build is immutable under its cache name.
    const hit = await cache.match(request, { ignoreSearch: true });
    if (hit) return hit;
    if (request.mode === 'navigate') {
      const page = await cache.match('./index.html') ?? await cache.match('./');
      try {
        return await fetch(request);
      } catch (error) {
        if (page) return page;
        throw error;
      }
    }
    return fetch(request);
  })());
});
