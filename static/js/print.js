// The Print button of a certificate's page. The policy allows no inline script, and without
// a script the page says to use the browser's own Print command instead.
(function () {
  "use strict";
  var button = document.getElementById("print");
  if (!button || typeof window.print !== "function") { return; }
  button.hidden = false;
  document.getElementById("print-help").hidden = true;
  button.addEventListener("click", function () { window.print(); });
}());
