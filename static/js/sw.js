// The service worker (served at /sw.js, after the settings in self.OFFLINE). Pages a person
// opened are kept per person and open again without a connection, with the "saved copy" line
// shown; a page never opened gets the offline page of its language. Whose answer a page is
// comes from the server's Offline-User header: when it names someone else, or nobody (after
// a logout, or an ended session), every saved copy of anyone else is deleted first.
"use strict";
var SETTINGS = self.OFFLINE;
var STATIC = "o-static-" + SETTINGS.version;
var USER = "o-u-"; // + the person's key: o-u-KEY (pages, pictures, the queue), o-u-KEY-c-SLUG
var PUBLIC = "o-public"; // nobody's: verification pages a visitor opened
var current = null;

function keyOf(name) { return name.split("-")[2]; }

self.addEventListener("install", function (event) {
  var pages = Object.keys(SETTINGS.offline).map(function (lang) {
    return new Request(SETTINGS.offline[lang], { credentials: "omit" }); // nobody's page
  });
  event.waitUntil(caches.open(STATIC).then(function (cache) {
    return cache.addAll(SETTINGS.static.concat(pages));
  }).then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf("o-static-") === 0 && name !== STATIC;
    }).map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

// Only one person's copies stay on the phone: the one the server last answered for.
function forget(who) {
  if (who === current) { return Promise.resolve(); }
  current = who;
  return caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) {
      return name.indexOf(USER) === 0 && keyOf(name) !== who;
    }).map(function (name) { return caches.delete(name); }));
  });
}

// The person's caches, pages opened (o-u-KEY, the freshest) before courses kept.
// Save a copy; when meanwhile the server answered for someone else, that copy goes too.
function store(event, name, key, copy) {
  event.waitUntil(caches.open(name).then(function (cache) { return cache.put(key, copy); })
    .then(function () {
      return name.indexOf(USER) === 0 && keyOf(name) !== current ? caches.delete(name) : 0;
    }));
}

function mine() {
  return caches.keys().then(function (names) {
    return names.filter(function (name) { return name.indexOf(USER) === 0; })
      .sort(function (a, b) { return a.length - b.length; });
  });
}

function first(names, url) {
  if (!names.length) { return Promise.resolve(undefined); }
  return caches.open(names[0]).then(function (cache) {
    return cache.match(url, { ignoreVary: true });
  }).then(function (hit) { return hit || first(names.slice(1), url); });
}

// A saved copy, with its hidden "Offline: saved copy from ..." line shown (a PDF as it is).
function marked(hit) {
  if ((hit.headers.get("Content-Type") || "").indexOf("text/html") !== 0) { return hit; }
  return hit.text().then(function (text) {
    var headers = new Headers(hit.headers);
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    return new Response(text.replace('class="offline-note" hidden', 'class="offline-note"'),
      { status: 200, headers: headers });
  });
}

function saved(url) {
  return mine().then(function (names) {
    return first(names.concat(PUBLIC), url.href);
  }).then(function (hit) {
    if (hit) { return marked(hit); }
    var page = SETTINGS.offline[url.pathname.split("/")[1]] || SETTINGS.offline.en;
    return caches.match(page).then(function (off) { return off || Response.error(); });
  });
}

function page(event, url) {
  return fetch(event.request).then(function (response) {
    var who = response.headers.get("Offline-User");
    if (!who) { return response; } // not this site's answer (a portal's page): change nothing
    return forget(who).then(function () {
      var keep = response.headers.get("Offline-Keep");
      var name = keep === "public" ? PUBLIC : keep === "user" && who !== "none" ? USER + who : 0;
      if (response.status === 200 && name) { store(event, name, url.href, response.clone()); }
      return response;
    });
  }, function () { return saved(url); });
}

// Stylesheet, script, icons (versioned URLs: a copy never goes stale) and lesson pictures.
function file(event, url, personal) {
  return caches.match(url.href, { ignoreVary: true }).then(function (hit) {
    if (hit) { return hit; }
    return fetch(event.request).then(function (response) {
      // Whose copy: decided when the file arrives (the person may have changed meanwhile).
      var name = !personal ? STATIC : current && current !== "none" ? USER + current : null;
      if (response.status === 200 && name) { store(event, name, url.href, response.clone()); }
      return response;
    });
  });
}

// A recording asks for a range of bytes: a saved copy answers with that slice.
function ranged(event, url) {
  return caches.match(url.href, { ignoreVary: true }).then(function (hit) {
    if (!hit) { return fetch(event.request); }
    return hit.arrayBuffer().then(function (buffer) {
      var size = buffer.byteLength;
      var asked = /bytes=(\d*)-(\d*)/.exec(event.request.headers.get("Range")) || [];
      var start = asked[1] ? +asked[1] : asked[2] ? Math.max(0, size - asked[2]) : 0;
      var end = asked[1] && asked[2] ? Math.min(+asked[2], size - 1) : size - 1;
      var headers = new Headers({ "Content-Type": hit.headers.get("Content-Type") || "" });
      headers.set("Content-Range", "bytes " + start + "-" + end + "/" + size);
      return new Response(buffer.slice(start, end + 1), { status: 206, headers: headers });
    });
  });
}

// A lesson mark or a quiz's answers sent while the browser believed it was online, and the
// connection failed: kept in the page script's queue (static/js/offline.js sends it later),
// and the page the form was on is shown again (its saved copy says it is waiting).
function posted(event, url) {
  var copy = event.request.clone();
  return fetch(event.request).catch(function () {
    return Promise.all([copy.text(), mine()]).then(function (got) {
      var own = current && current !== "none" ? USER + current : got[1].filter(function (name) {
        return name.split("-").length === 3;
      })[0];
      if (!own) { return Response.error(); }
      return caches.open(own).then(function (cache) {
        return cache.put(location.origin + "/offline/queue/" + Date.now() + "-w",
          new Response(JSON.stringify({ url: url.href, body: got[0] })));
      }).then(function () { return Response.redirect(event.request.referrer || "/", 303); });
    });
  });
}

self.addEventListener("fetch", function (event) {
  var request = event.request;
  var url = new URL(request.url);
  url.hash = "";
  if (request.method === "POST" && request.mode === "navigate" && url.origin === location.origin
      && /\/(done|attempts\/\d+)$/.test(url.pathname)) {
    event.respondWith(posted(event, url));
    return;
  }
  // A course being kept is saved by the page script itself, in the course's own cache.
  if (request.method !== "GET" || url.origin !== location.origin ||
      request.headers.has("Offline-Keep")) { return; }
  if (request.mode === "navigate") {
    event.respondWith(page(event, url));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(file(event, url, false));
  } else if (url.pathname.indexOf("/course-media/") === 0) {
    event.respondWith(request.headers.has("Range") ? ranged(event, url) : file(event, url, true));
  }
});
