// unspun pages: a form marked data-busy shows that work is under way while the server answers.
(function () {
  "use strict";
  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var status = form.querySelector(".status") || document.querySelector("form.entry .status");
      var button = form.querySelector("button[type=submit]");
      var started = Date.now();
      var words = form.getAttribute("data-busy");
      if (button) {
        // Disable after the submission has been sent, so the button still submits.
        setTimeout(function () { button.disabled = true; }, 0);
      }
      if (!status) return;
      status.hidden = false;
      status.textContent = words;
      setInterval(function () {
        var s = Math.round((Date.now() - started) / 1000);
        status.textContent = words + " " + s + " s";
      }, 1000);
    });
  });
})();
