// unspun pages: a form marked data-busy shows that work is under way while the server answers.
// A check or compare runs in the server's pool of workers: the form sends a ticket with it,
// and the status line follows that ticket (/api/jobs/<ticket>): waiting for a worker (and how
// many are ahead), then running (its stage, and the seconds of the time limit used).
(function () {
  "use strict";

  function ticketFor(form) {
    var input = form.querySelector("input[name=ticket]");
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = "ticket";
      form.appendChild(input);
    }
    input.value = "page-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2, 10);
    return input.value;
  }

  function describe(job, words, seconds) {
    if (!job) return words + " " + seconds + " s";
    if (job.state === "queued") {
      var ahead = job.position > 1 ? " (" + (job.position - 1) + " ahead)" : "";
      return "Waiting for a free worker" + ahead + "… " + Math.round(job.waited_s) + " s";
    }
    if (job.state === "running") {
      var stage = job.stage ? ": " + job.stage : "";
      return words + stage + " " + Math.round(job.running_s) + " s of at most " + job.limit_s + " s";
    }
    return words + " " + seconds + " s";
  }

  document.querySelectorAll("form[data-busy]").forEach(function (form) {
    form.addEventListener("submit", function () {
      var status = form.querySelector(".status") || document.querySelector("form.entry .status");
      var button = form.querySelector("button[type=submit]");
      var started = Date.now();
      var words = form.getAttribute("data-busy");
      var action = form.getAttribute("action") || "";
      var ticket = /^\/(check|compare)/.test(action) ? ticketFor(form) : null;
      var job = null;
      if (button) {
        // Disable after the submission has been sent, so the button still submits.
        setTimeout(function () { button.disabled = true; }, 0);
      }
      if (!status) return;
      status.hidden = false;
      status.textContent = words;
      setInterval(function () {
        var s = Math.round((Date.now() - started) / 1000);
        status.textContent = describe(job, words, s);
        if (!ticket || !window.fetch) return;
        fetch("/api/jobs/" + ticket).then(function (r) {
          return r.ok ? r.json() : null;
        }).then(function (found) {
          if (found) job = found;
        }).catch(function () {});
      }, 1000);
    });
  });
})();
