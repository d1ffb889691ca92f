// Behaviour every page shares, kept in a file so the Content-Security-Policy can forbid
// inline script (no onchange=/onsubmit= attributes, no <script> blocks):
// - <select data-autosubmit> submits its form when changed (the button is for no-JS);
// - <form data-confirm="…"> asks before submitting;
// - an element with data-hold-while-open skips its htmx polling while a <details> inside is
//   open, so what someone is reading is not replaced;
// - a[data-back] goes back in history;
// - on phones, tab strips scroll the current tab into view.
(function () {
  "use strict";
  document.addEventListener("change", function (e) {
    var t = e.target;
    if (t && t.matches && t.matches("select[data-autosubmit]") && t.form) t.form.submit();
  });
  document.addEventListener("submit", function (e) {
    var f = e.target;
    var text = f && f.getAttribute && f.getAttribute("data-confirm");
    if (text && !window.confirm(text)) e.preventDefault();
  }, true);
  document.addEventListener("click", function (e) {
    var a = e.target && e.target.closest && e.target.closest("a[data-back]");
    if (a && window.history.length > 1) {
      e.preventDefault();
      window.history.back();
    }
  });
  document.addEventListener("htmx:beforeRequest", function (e) {
    var elt = e.detail && e.detail.elt;
    if (elt && elt.hasAttribute && elt.hasAttribute("data-hold-while-open") &&
        elt.querySelector("details[open]")) {
      e.preventDefault();
    }
  });
  function scrollTabs() {
    document.querySelectorAll("nav.tabs .active").forEach(function (t) {
      t.parentElement.scrollLeft = t.offsetLeft - 16;
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", scrollTabs);
  } else {
    scrollTabs();
  }
})();
