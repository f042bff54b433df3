// Clicking a fact marks the text segments whose data-f lists its id and scrolls the first
// one into view; clicking one of its source badges scrolls to that article's span instead.
// The report's root id is passed in, so several reports on one page stay independent.
(function (rootId) {
  "use strict";
  var root = document.getElementById(rootId);
  if (!root) { return; }
  var status = root.querySelector(".sr-status");

  function clear() {
    root.querySelectorAll(".sr-fact.sr-selected").forEach(function (e) {
      e.classList.remove("sr-selected");
      e.setAttribute("aria-pressed", "false");
    });
    root.querySelectorAll(".sr-seg.sr-on").forEach(function (e) { e.classList.remove("sr-on"); });
    root.querySelectorAll(".sr-article").forEach(function (e) { e.classList.remove("sr-dim"); });
  }

  function select(fact, source) {
    clear();
    fact.classList.add("sr-selected");
    fact.setAttribute("aria-pressed", "true");
    var segments = root.querySelectorAll('.sr-seg[data-f~="' + fact.dataset.fact + '"]');
    var articles = [];
    segments.forEach(function (s) {
      s.classList.add("sr-on");
      var article = s.closest(".sr-article");
      if (articles.indexOf(article) < 0) { articles.push(article); }
    });
    root.querySelectorAll(".sr-article").forEach(function (a) {
      if (articles.length && articles.indexOf(a) < 0) { a.classList.add("sr-dim"); }
    });
    var target = null;
    segments.forEach(function (s) {
      if (!target && (!source || s.closest(".sr-article").dataset.source === source)) {
        target = s;
      }
    });
    if (target) { target.scrollIntoView({ block: "center" }); }
    if (status) {
      status.textContent = segments.length
        ? segments.length + " highlighted span(s) in " + articles.length + " article(s)."
        : "This item has no span in the articles.";
    }
  }

  root.addEventListener("click", function (event) {
    var fact = event.target.closest(".sr-fact");
    if (!fact || !root.contains(fact)) { return; }
    var badge = event.target.closest(".sr-badge");
    select(fact, badge ? badge.dataset.source : null);
  });
  root.addEventListener("keydown", function (event) {
    var fact = event.target.closest(".sr-fact");
    if (fact && (event.key === "Enter" || event.key === " ")) {
      event.preventDefault();
      select(fact, null);
    }
  });
})
