// Checks the signed code after the # of a certificate's QR link, in the browser, with the
// issuer's public key written into this page: it works on a page saved for offline use.
(function () {
  "use strict";
  var box = document.getElementById("offline");
  var payload = decodeURIComponent((location.hash || "").slice(1));
  if (!box || !payload) { return; }
  var say = function (key) {
    box.hidden = false;
    box.querySelector(".result").textContent = box.dataset[key];
    box.querySelector(".help").textContent = box.dataset.revocation;
  };
  var bytes = function (b64url) {
    var b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  };
  var parts = payload.split(".");
  if (parts.length !== 2 || !(window.crypto && crypto.subtle)) { say("unsupported"); return; }
  var message, signature, fields;
  try {
    message = bytes(parts[0]);
    signature = bytes(parts[1]);
    fields = JSON.parse(new TextDecoder().decode(message));
  } catch (error) { say("forged"); return; }
  crypto.subtle.importKey("raw", bytes(box.dataset.publicKey.replace(/\+/g, "-").replace(/\//g, "_")),
    { name: "Ed25519" }, false, ["verify"])
    .then(function (key) { return crypto.subtle.verify({ name: "Ed25519" }, key, signature, message); })
    .then(function (genuine) {
      if (!genuine || fields[0] !== box.dataset.keyId) { say("forged"); }
      else if (fields[1] !== box.dataset.number) { say("differs"); }
      else { say("genuine"); }
    })
    .catch(function () { say("unsupported"); });
}());
