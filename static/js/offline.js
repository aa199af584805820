// The page script of offline use: registers the service worker (static/js/sw.js, served at
// /sw.js); keeps a course on the phone ("Keep this course on my phone"); queues a lesson
// mark or a quiz's answers sent offline. A logout deletes the person's copies: the server's
// Clear-Site-Data, and the worker when the next page is answered for nobody. Without
// JavaScript, or without service workers, the site works as it always did. Caches: o-u-KEY (pages opened), o-u-KEY-c-SLUG-vN-LANG
// (a course kept), where KEY is the server's key for the person (data-user of this script).
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches) { return; }
  var USER = "o-u-";
  var META = "/offline/kept"; // in a kept course's cache: how many bytes it holds
  var QUEUE = location.origin + "/offline/queue/"; // in o-u-KEY: forms waiting to be sent
  var script = document.currentScript || { dataset: {} };
  var who = script.dataset.user;
  var lang = document.documentElement.lang;

  navigator.serviceWorker.register("/sw.js");

  function names(prefix) {
    return caches.keys().then(function (all) {
      return all.filter(function (name) { return name.indexOf(prefix) === 0; });
    });
  }

  function drop(list) {
    return Promise.all(list.map(function (name) { return caches.delete(name); }));
  }

  // A quiet line at the top of the page: waiting to be sent, or sent.
  function line(text) {
    var main = document.getElementById("content");
    var shown = document.getElementById("offline-queue");
    if (!shown && main) {
      shown = document.createElement("p");
      shown.id = "offline-queue";
      shown.className = "flash";
      shown.setAttribute("role", "status");
      main.insertBefore(shown, main.firstChild);
    }
    if (shown) { shown.textContent = text; }
  }

  // Offline, a lesson marked read or a quiz's answers wait on the phone (the form as sent,
  // its CSRF token included: tokens last as long as the session). Both endpoints are safe
  // to send twice: a lesson is marked once, an attempt is graded once.
  function queue(form) {
    var item = { url: form.action, body: new URLSearchParams(new FormData(form)).toString() };
    return caches.open(USER + who).then(function (cache) {
      return cache.put(QUEUE + Date.now() + "-" + Math.random().toString(36).slice(2),
        new Response(JSON.stringify(item)));
    });
  }

  function post(cache, key) {
    return cache.match(key).then(function (stored) { return stored.json(); }).then(function (item) {
      return fetch(item.url, { method: "POST", body: new URLSearchParams(item.body) })
        .then(function (response) {
          if (/\/login$/.test(new URL(response.url).pathname)) { throw new Error("login"); }
          // Sent, or refused for good (a 4xx): never sent again either way.
          return cache.delete(key).then(function () { return { url: item.url, to: response }; });
        });
    });
  }

  var sending = false;
  function send() {
    if (!who || sending) { return; }
    sending = true;
    var form = document.querySelector("form[data-queue]:not([data-next])");
    caches.open(USER + who).then(function (cache) {
      return cache.keys().then(function (keys) {
        keys = keys.filter(function (key) { return key.url.indexOf(QUEUE) === 0; }).sort(
          function (a, b) { return a.url < b.url ? -1 : 1; });
        if (!keys.length) { return; }
        line(script.dataset.waiting);
        if (!navigator.onLine) { return; }
        return keys.reduce(function (chain, key) {
          return chain.then(function (here) {
            return post(cache, key).then(function (sent) {
              return form && sent.url === form.action ? sent.to : here;
            });
          });
        }, Promise.resolve()).then(function (here) {
          line(script.dataset.sent);
          if (here) { location.assign(here.url); } // this quiz's answers: on to its result
        });
      });
    }).catch(function () { return undefined; }).then(function () { sending = false; });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.hasAttribute("data-queue") && who && !navigator.onLine) {
      event.preventDefault();
      queue(form).then(function () {
        line(script.dataset.waiting);
        if (form.dataset.next) { location.assign(form.dataset.next); }
      });
    }
  });
  window.addEventListener("online", send);
  send();

  function size(bytes) {
    var big = bytes >= 100000;
    return new Intl.NumberFormat(lang, { style: "unit", unit: big ? "megabyte" : "kilobyte",
      maximumFractionDigits: 1 }).format(big ? bytes / 1e6 : bytes / 1e3);
  }

  function keeper(box) {
    var prefix = USER + who + "-c-" + box.dataset.slug + "-v";
    var wanted = prefix + box.dataset.version + "-" + box.dataset.lang;
    var status = box.querySelector("[role=status]");
    var bar = box.querySelector("progress");
    var button = box.querySelector("button");
    var say = function (text) { status.textContent = text; };
    var offer = function (label, action) { button.textContent = label; button.onclick = action; };

    // One file after another (a phone on 2G), into a new cache: the old one stays until done.
    function save(bundle, cache) {
      var urls = bundle.pages.concat(bundle.files.map(function (file) { return file.url; }));
      var bytes = 0;
      bar.max = urls.length;
      bar.hidden = false;
      return urls.reduce(function (chain, url, index) {
        return chain.then(function () {
          say(box.dataset.saving.replace("{done}", index + 1).replace("{total}", urls.length));
          return fetch(url, { headers: { "Offline-Keep": "course" } }).then(function (response) {
            if (!response.ok) { throw new Error(url); }
            return response.clone().blob().then(function (blob) {
              bytes += blob.size;
              bar.value = index + 1;
              return cache.put(url, response);
            });
          });
        });
      }, Promise.resolve()).then(function () {
        return cache.put(META, new Response(JSON.stringify({ bytes: bytes })));
      });
    }

    function keep() {
      var name;
      button.disabled = true;
      return fetch(box.dataset.bundle).then(function (response) {
        if (!response.ok) { throw new Error(response.status); }
        return response.json();
      }).then(function (bundle) {
        name = prefix + bundle.version + "-" + bundle.lang;
        return caches.delete(name).then(function () { return caches.open(name); })
          .then(function (cache) { return save(bundle, cache); });
      }).then(function () {
        wanted = name; // what the server has now, even if this page was older
        return names(prefix); // the copies of an older version (or language) go
      }).then(function (old) {
        return drop(old.filter(function (other) { return other !== name; }));
      }).then(show, function () {
        say(box.dataset.failed);
        return name && caches.delete(name);
      }).then(function () {
        bar.hidden = true;
        button.disabled = false;
      });
    }

    function remove() {
      return names(prefix).then(drop).then(function () {
        say(box.dataset.removed);
        offer(box.dataset.keep, keep);
      });
    }

    function show() {
      return names(prefix).then(function (kept) {
        if (kept.indexOf(wanted) < 0) {
          offer(box.dataset.keep, keep);
          // A new version of the course replaces the copies saved of the old one.
          return kept.length && navigator.onLine ? keep() : undefined;
        }
        return caches.open(wanted).then(function (cache) { return cache.match(META); })
          .then(function (meta) { return meta ? meta.json() : { bytes: 0 }; })
          .then(function (meta) {
            say(box.dataset.kept.replace("{size}", size(meta.bytes)));
            offer(box.dataset.remove, remove);
          });
      });
    }

    box.hidden = false;
    show();
  }

  // A certificate's PDF downloaded once opens offline: its link says so.
  Array.prototype.forEach.call(document.querySelectorAll("a[data-kept]"), function (link) {
    caches.match(link.href, { ignoreVary: true }).then(function (hit) {
      if (hit) { link.textContent += " · ✓ " + link.dataset.kept; }
    });
  });

  // The help page of the trainee's destination is saved on the phone once, from My
  // learning; opening it online again refreshes the copy (the worker's network-first).
  Array.prototype.forEach.call(document.querySelectorAll("a[data-keep-offline]"), function (link) {
    if (!who || !navigator.onLine) { return; }
    caches.open(USER + who).then(function (cache) {
      return cache.match(link.href, { ignoreVary: true }).then(function (hit) {
        return hit || fetch(link.href).then(function (response) {
          return response.ok && cache.put(link.href, response);
        });
      });
    }).catch(function () { return undefined; });
  });

  var box = document.getElementById("keep");
  if (box && who) { keeper(box); }
}());
