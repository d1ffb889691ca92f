// The connect page: copy buttons, and the live check polling its JSON every 2 s (while the
// tab is visible). A file, not an inline script, so the Content-Security-Policy holds.
(function () {
  document.querySelectorAll('.code-block').forEach(function (block) {
    var button = block.querySelector('button.copy');
    var code = block.querySelector('pre code');
    if (!button || !code) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener('click', function () {
      var text = code.textContent;
      var done = function () {
        button.textContent = button.getAttribute('data-copied');
        setTimeout(function () { button.textContent = label; }, 2000);
      };
      var fallback = function () {
        var range = document.createRange();
        range.selectNodeContents(code);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        try { if (document.execCommand('copy')) done(); } catch (e) {}
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text).then(done, fallback);
      } else {
        fallback();
      }
    });
  });

  var live = document.querySelector('.live-check');
  if (!live || !window.fetch) return;
  var cursor = live.getAttribute('data-cursor');
  var since = live.getAttribute('data-since');
  var text = live.querySelector('.live-text');
  var refused = live.querySelector('.live-refused');
  var refusedText = live.querySelector('.live-refused-text');
  function poll() {
    if (document.hidden) return;
    var url = live.getAttribute('data-url') + '?after=' + encodeURIComponent(cursor) +
      '&since=' + encodeURIComponent(since);
    fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (s) {
        if (!s) return;
        cursor = s.cursor;
        if (s.state === 'arrived') {
          live.setAttribute('data-state', 'arrived');
          text.textContent = s.text;
        }
        if (s.refused) {
          refusedText.textContent = s.refused;
          refused.hidden = false;
        }
      })
      .catch(function () {});
  }
  setInterval(poll, 2000);
})();
