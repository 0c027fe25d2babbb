// Autocomplete for the search box (ARIA 1.2 combobox with a listbox popup). Without
// JavaScript the form still submits to /search.
(function () {
  "use strict";

  function setup(form) {
    var input = form.querySelector("input[role=combobox]");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[data-suggest-status]");
    if (!input || !list || !window.fetch) { return; }
    var lang = form.getAttribute("data-suggest-lang") || "en";
    var codeBase = form.getAttribute("data-code-base") || "/codes/";
    var items = [];
    var active = -1;
    var timer = null;
    var latest = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function announce(n) {
      if (!status) { return; }
      if (n === 0) { status.textContent = status.getAttribute("data-none"); }
      else if (n === 1) { status.textContent = status.getAttribute("data-one"); }
      else { status.textContent = status.getAttribute("data-many").replace("{n}", String(n)); }
    }

    function title(hit) {
      return (lang === "fr" && hit.title_fr) ? hit.title_fr : hit.title;
    }

    function render(results) {
      items = results;
      list.textContent = "";
      results.forEach(function (hit, i) {
        var li = document.createElement("li");
        li.id = "q-opt-" + i;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.setAttribute("data-code", hit.code);
        var code = document.createElement("span");
        code.className = "code";
        code.textContent = hit.code;
        var text = document.createElement("span");
        text.textContent = title(hit);
        if (lang === "fr" && !hit.title_fr) { text.setAttribute("lang", "en"); }
        li.appendChild(code);
        li.appendChild(text);
        li.addEventListener("mousedown", function (event) {
          event.preventDefault();
          pick(i);
        });
        list.appendChild(li);
      });
      announce(results.length);
      if (results.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      active = -1;
    }

    function highlight(i) {
      var options = list.querySelectorAll("[role=option]");
      options.forEach(function (el, n) { el.setAttribute("aria-selected", n === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && options[i]) {
        input.setAttribute("aria-activedescendant", options[i].id);
        options[i].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function pick(i) {
      var hit = items[i];
      if (hit) { window.location.assign(codeBase + encodeURIComponent(hit.code).replace(/%2E/g, ".")); }
    }

    function fetchSuggestions() {
      var q = input.value.trim();
      if (q.length < 2) { render([]); return; }
      var ticket = ++latest;
      fetch("/api/suggest?" + new URLSearchParams({ q: q, lang: lang }).toString(), { headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : { results: [] }; })
        .then(function (data) { if (ticket === latest) { render(data.results || []); } })
        .catch(function () { if (ticket === latest) { render([]); } });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, 120);
    });
    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown") {
        if (!open) { fetchSuggestions(); return; }
        event.preventDefault();
        highlight(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" && open) {
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter" && open && active >= 0) {
        event.preventDefault();
        pick(active);
      } else if (event.key === "Escape" && open) {
        event.preventDefault();
        close();
      }
    });
    input.addEventListener("blur", function () { window.setTimeout(close, 150); });
  }

  function start() {
    document.querySelectorAll("form[data-suggest-lang]").forEach(setup);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }

  // The print footer says when the page was printed (the page itself may be cached for days).
  window.addEventListener("beforeprint", function () {
    var stamps = document.querySelectorAll("[data-print-date]");
    var today = new Date().toISOString().slice(0, 10);
    for (var i = 0; i < stamps.length; i++) {
      var time = stamps[i].querySelector("time");
      if (time) { time.textContent = today; time.setAttribute("datetime", today); }
      stamps[i].hidden = false;
    }
  });
})();
