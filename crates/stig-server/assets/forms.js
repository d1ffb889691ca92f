// Form helpers, all optional (every form works without script):
// - an id field with data-slug-from="name" is filled from that field as it is typed, the way
//   the server spells ids (stig_model::id_from_name), until the user edits the id;
// - a touchpoint form warns at once when its owner needs an actor or its mode contradicts
//   its channel (the validator says the same on save).
(function () {
  "use strict";
  var SPELL = {
    "æ": "ae", "ø": "o", "ö": "o", "ó": "o", "ò": "o", "ô": "o", "õ": "o",
    "å": "a", "ä": "a", "á": "a", "à": "a", "â": "a", "ã": "a",
    "é": "e", "è": "e", "ê": "e", "ë": "e", "í": "i", "ì": "i", "î": "i", "ï": "i",
    "ú": "u", "ù": "u", "û": "u", "ü": "u", "ñ": "n", "ç": "c", "ß": "ss",
    "ð": "d", "þ": "th", "ý": "y", "ÿ": "y"
  };

  function slug(text) {
    var out = "", gap = false;
    var chars = Array.from(text.toLowerCase());
    for (var i = 0; i < chars.length; i++) {
      var c = chars[i];
      var spelt = /[a-z0-9]/.test(c) ? c : SPELL[c];
      if (!spelt) { gap = true; continue; }
      if (gap && out) out += "-";
      gap = false;
      out += spelt;
    }
    return out;
  }

  // The id fields a typed-in field feeds: in its table row, else in its form.
  function targets(field) {
    var scope = field.closest("tr") || field.form;
    if (!scope || !field.name) return [];
    return scope.querySelectorAll('[data-slug-from="' + field.name + '"]');
  }

  document.querySelectorAll("[data-slug-from]").forEach(function (id) {
    if (id.value) id.dataset.edited = "1"; // an existing id is never rewritten
  });

  document.addEventListener("input", function (e) {
    var field = e.target;
    if (field.dataset && field.dataset.slugFrom !== undefined) {
      field.dataset.edited = field.value ? "1" : "";
      return;
    }
    targets(field).forEach(function (id) {
      if (!id.dataset.edited) id.value = slug(field.value);
    });
  });

  // Touchpoint contradictions, as the validator's owner-without-actor and
  // mode-channel-mismatch warnings.
  var DIGITAL = ["web", "app", "email", "sms", "chat", "social"];
  var PHYSICAL = ["store", "on-site", "print", "letter", "signage"];
  document.querySelectorAll("[data-live-warnings]").forEach(function (box) {
    var form = box.closest("form");
    var get = function (name) {
      var el = form.querySelector('[name="' + name + '"]');
      return el ? el.value : "";
    };
    function check() {
      var owner = get("owner"), actor = get("actor"), mode = get("mode"), channel = get("channel");
      var noActor = owner !== "own" && owner !== "" && actor === "";
      var mismatch = (mode === "physical" && DIGITAL.indexOf(channel) >= 0) ||
        (mode === "digital" && PHYSICAL.indexOf(channel) >= 0);
      box.querySelector("[data-warn=owner-without-actor]").hidden = !noActor;
      box.querySelector("[data-warn=mode-channel-mismatch]").hidden = !mismatch;
      box.hidden = !noActor && !mismatch;
    }
    form.addEventListener("change", check);
    check();
  });
})();
