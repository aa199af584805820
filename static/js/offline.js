// The page script of offline use: registers the service worker (static/js/sw.js, served at
// /sw.js), and deletes the person's saved copies when they log out. Without JavaScript, or
// without service workers, the site works as it always did.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.caches) { return; }
  var USER = "o-u-";

  navigator.serviceWorker.register("/sw.js");

  function forgetAll() {
    return caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name.indexOf(USER) === 0; })
        .map(function (name) { return caches.delete(name); }));
    });
  }

  // The server also answers a logout with Clear-Site-Data; this covers browsers without it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!/\/logout$/.test(form.getAttribute("action") || "") || form.dataset.cleared) { return; }
    event.preventDefault();
    form.dataset.cleared = "1";
    forgetAll().then(function () { form.submit(); }, function () { form.submit(); });
  });
}());
