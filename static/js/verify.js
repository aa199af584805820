// Checks the signed code after the # of a certificate's QR link, in the browser, with the
// issuer's public key written into this page: it works on a page saved for offline use.
// The page has one verdict: a code that fails the check turns it into a red "NOT genuine",
// whatever the register says about the number.
(function () {
  "use strict";
  var box = document.getElementById("verdict");
  var hash = (location.hash || "").slice(1);
  if (!box || !hash) { return; }
  var note = box.querySelector(".signature");
  var say = function (key) {
    note.hidden = false;
    note.textContent = box.dataset[key];
  };
  var refuse = function (key) {
    var title = document.createElement("p");
    title.className = "big";
    title.textContent = "✗ " + box.dataset.forgedTitle;
    box.className = "card verdict bad";
    box.setAttribute("role", "alert");
    box.replaceChildren(title, note);
    say(key);
  };
  var bytes = function (b64url) {
    var b64 = b64url.replace(/-/g, "+").replace(/_/g, "/");
    while (b64.length % 4) { b64 += "="; }
    return Uint8Array.from(atob(b64), function (c) { return c.charCodeAt(0); });
  };
  var payload, message, signature, fields;
  try {
    payload = decodeURIComponent(hash);  // a stray % must not stop the check
  } catch (error) { refuse("forged"); return; }
  var parts = payload.split(".");
  if (parts.length !== 2) { refuse("forged"); return; }
  try {
    message = bytes(parts[0]);
    signature = bytes(parts[1]);
    fields = JSON.parse(new TextDecoder().decode(message));
  } catch (error) { refuse("forged"); return; }
  if (!(window.crypto && crypto.subtle)) { say("unsupported"); return; }
  crypto.subtle.importKey("raw", bytes(box.dataset.publicKey.replace(/\+/g, "-").replace(/\//g, "_")),
    { name: "Ed25519" }, false, ["verify"])
    .then(function (key) { return crypto.subtle.verify({ name: "Ed25519" }, key, signature, message); })
    .then(function (genuine) {
      if (!genuine || !Array.isArray(fields) || fields[0] !== box.dataset.keyId) { refuse("forged"); }
      else if (fields[1] !== box.dataset.number) { refuse("differs"); }
      else { say("genuine"); }
    })
    .catch(function () { say("unsupported"); });
}());
