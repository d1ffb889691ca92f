/* The journey map canvas (views/journey.rs). The map is the server's SVG; this script only
   moves it: fitted to the width on arrival (emotion curves in view), zoom and pan by wheel
   (Ctrl/⌘ or a trackpad pinch zooms, the wheel pans), touch pinch and drag, keys (+ − 0 1,
   arrows, F) and buttons, full screen (Fullscreen API, else a class), lane titles and the
   phase and stage rows kept in view by two clipped copies of the map, the full text of a cut
   label on hover and keyboard focus, and ?step= centred. A click on a step loads its details
   into the panel (htmx). Without this script the map scrolls in its frame. */
(function () {
  'use strict';
  var root = document.getElementById('journey');
  var shell = document.getElementById('map-canvas');
  if (!root || !shell) return;
  var frame = shell.querySelector('.map-frame');
  var stage = shell.querySelector('.map-stage');
  var svg = stage && stage.querySelector('svg.journey-map');
  var panel = document.getElementById('step-panel');
  var bar = shell.querySelector('.map-bar');
  var zoomLabel = shell.querySelector('.map-zoom');
  var fullButton = shell.querySelector('[data-map="full"]');
  if (!frame || !stage || !svg) return;

  function num(name, fallback) {
    var v = parseFloat(svg.getAttribute(name));
    return isFinite(v) ? v : fallback;
  }
  var W = num('width', 1000), H = num('height', 800);
  var box = {
    headL: num('data-head-left', 0), headR: num('data-head-right', 0),
    bandsT: num('data-bands-top', 0), lanesT: num('data-lanes-top', 0),
    lanesB: num('data-lanes-bottom', H), curveB: num('data-curve-bottom', H)
  };
  var MAX = 3;
  var s = 1, tx = 0, ty = 0, fitS = 1, vw = 1, vh = 1, atFit = true;

  shell.classList.add('is-live');
  shell.querySelectorAll('[data-map-live]').forEach(function (e) { e.hidden = false; });

  // A cut label's full text is its <title>; as aria-label it is read on focus, and the
  // tooltip below shows it (the native one would come late and twice).
  svg.querySelectorAll('g.cut').forEach(function (g) {
    var t = g.querySelector(':scope > title');
    if (!t) return;
    g.setAttribute('aria-label', t.textContent);
    g.setAttribute('role', 'img');
    g.setAttribute('data-full', t.textContent);
    t.remove();
  });

  // Sticky lane titles and header rows: copies of the map, clipped (in map pixels) to the
  // header column and to the phase and stage rows, moved with the map on one axis only.
  function overlay(cls, clip) {
    var div = document.createElement('div');
    div.className = 'map-sticky ' + cls;
    div.setAttribute('aria-hidden', 'true');
    var copy = svg.cloneNode(true);
    copy.querySelectorAll('[tabindex]').forEach(function (e) { e.removeAttribute('tabindex'); });
    copy.querySelectorAll('[id]').forEach(function (e) { e.removeAttribute('id'); });
    copy.style.clipPath = clip;
    div.appendChild(copy);
    frame.appendChild(div);
    return { div: div, svg: copy };
  }
  var left = overlay('map-sticky-left', 'inset(' + box.lanesT + 'px ' + (W - box.headR) + 'px ' +
    (H - box.lanesB) + 'px ' + box.headL + 'px)');
  var top = overlay('map-sticky-top', 'inset(' + box.bandsT + 'px 0 ' + (H - box.lanesT) + 'px 0)');
  var corner = document.createElement('div');
  corner.className = 'map-sticky map-sticky-corner';
  frame.appendChild(corner);

  var tip = document.createElement('div');
  tip.className = 'map-tip';
  tip.id = 'map-tip';
  tip.setAttribute('role', 'tooltip');
  tip.hidden = true;
  shell.appendChild(tip);

  function minS() { return Math.min(fitS, vh / H) * 0.75; }
  function clamp() {
    var mw = W * s, mh = H * s;
    tx = mw <= vw ? (vw - mw) / 2 : Math.min(0, Math.max(vw - mw, tx));
    ty = mh <= vh ? 0 : Math.min(0, Math.max(vh - mh, ty));
  }
  var raf = 0;
  function render() {
    clamp();
    if (!raf) raf = requestAnimationFrame(paint);
  }
  function paint() {
    raf = 0;
    stage.style.transform = 'translate(' + tx + 'px,' + ty + 'px) scale(' + s + ')';
    var leftOn = tx + box.headL * s < -1;
    var topOn = ty + box.bandsT * s < -1;
    left.div.classList.toggle('on', leftOn);
    top.div.classList.toggle('on', topOn);
    corner.classList.toggle('on', leftOn && topOn);
    var headW = (box.headR - box.headL) * s, headH = (box.lanesT - box.bandsT) * s;
    if (leftOn) {
      left.div.style.width = headW + 'px';
      left.svg.style.transform = 'translate(' + (-box.headL * s) + 'px,' + ty + 'px) scale(' + s + ')';
    }
    if (topOn) {
      top.div.style.height = headH + 'px';
      top.svg.style.transform = 'translate(' + tx + 'px,' + (-box.bandsT * s) + 'px) scale(' + s + ')';
    }
    corner.style.width = headW + 'px';
    corner.style.height = headH + 'px';
    if (zoomLabel) zoomLabel.textContent = Math.round(s * 100) + ' %';
  }

  function isFull() {
    return document.fullscreenElement === shell || shell.classList.contains('is-full');
  }
  // The frame's height: the map at fit-to-width, at least 260 px, at most the window less
  // the page's header; in full screen, all of it.
  function layout() {
    vw = Math.max(1, frame.clientWidth);
    fitS = vw / W;
    var h = isFull()
      ? window.innerHeight - (bar ? bar.offsetHeight : 0)
      : Math.max(260, Math.min(H * fitS + 2, window.innerHeight - 140));
    frame.style.height = Math.round(h) + 'px';
    if (bar) shell.style.setProperty('--map-bar-h', bar.offsetHeight + 'px');
    vh = Math.max(1, frame.clientHeight);
  }
  function fit() {
    s = fitS; tx = 0; ty = 0; atFit = true;
    // A map taller than the frame: keep the emotion curves in view.
    if (box.curveB * s > vh) ty = vh - box.curveB * s - 8;
    render();
  }
  function zoomTo(ns, px, py) {
    ns = Math.max(minS(), Math.min(MAX, ns));
    tx = px - (px - tx) * ns / s;
    ty = py - (py - ty) * ns / s;
    s = ns; atFit = false;
    render();
  }
  function panBy(dx, dy) { tx += dx; ty += dy; atFit = false; render(); }
  function relayout() {
    var cx = (vw / 2 - tx) / s, cy = (vh / 2 - ty) / s, wasFit = atFit;
    layout();
    if (wasFit) { fit(); return; }
    tx = vw / 2 - cx * s; ty = vh / 2 - cy * s;
    render();
  }

  // The panel beside the map (a drawer over its right side on wide screens).
  function drawerWidth() {
    if (!panel || !shell.classList.contains('has-step')) return 0;
    return getComputedStyle(panel).position === 'absolute' ? panel.offsetWidth : 0;
  }
  function centre(id, zoom) {
    var col = null;
    svg.querySelectorAll('.step-col').forEach(function (c) {
      if (c.getAttribute('data-col') === id) col = c;
    });
    if (!col) return;
    var x = parseFloat(col.getAttribute('x')), w = parseFloat(col.getAttribute('width'));
    var avail = vw - drawerWidth();
    if (zoom) s = Math.max(fitS, Math.min(1, avail / (w * 3.2)));
    atFit = false;
    tx = avail / 2 - (x + w / 2) * s;
    ty = -(box.bandsT - 8) * s;
    render();
  }
  function mark(id) {
    root.querySelectorAll('[data-step].selected, [data-col].selected').forEach(function (e) {
      e.classList.remove('selected');
    });
    svg.querySelectorAll('.step-col-outline').forEach(function (e) { e.remove(); });
    if (!id) return;
    root.querySelectorAll('[data-step], [data-col]').forEach(function (e) {
      if ((e.getAttribute('data-step') || e.getAttribute('data-col')) === id) e.classList.add('selected');
    });
  }
  function setUrl(id) {
    var u = new URL(window.location.href);
    if (id) u.searchParams.set('step', id); else u.searchParams.delete('step');
    u.hash = '';
    history.replaceState(null, '', u);
  }

  // ---- wheel, drag, pinch -----------------------------------------------------------
  frame.addEventListener('wheel', function (e) {
    var unit = e.deltaMode === 1 ? 16 : (e.deltaMode === 2 ? vh : 1);
    var dx = e.deltaX * unit, dy = e.deltaY * unit;
    if (e.ctrlKey || e.metaKey) {
      e.preventDefault();
      var r = frame.getBoundingClientRect();
      zoomTo(s * Math.exp(-dy * 0.0025), e.clientX - r.left, e.clientY - r.top);
      return;
    }
    if (e.shiftKey && !dx) { dx = dy; dy = 0; }
    var ox = tx, oy = ty;
    tx -= dx; ty -= dy; clamp();
    // At an edge the page scrolls on.
    if (Math.abs(tx - ox) > 0.5 || Math.abs(ty - oy) > 0.5) { e.preventDefault(); atFit = false; render(); }
  }, { passive: false });

  var pts = new Map(), drag = null, pinch = null, moved = false;
  function list() { return Array.from(pts.values()); }
  function startPinch() {
    var a = list(), r = frame.getBoundingClientRect();
    pinch = {
      d: Math.hypot(a[0].x - a[1].x, a[0].y - a[1].y) || 1, s: s,
      ux: ((a[0].x + a[1].x) / 2 - r.left - tx) / s, uy: ((a[0].y + a[1].y) / 2 - r.top - ty) / s
    };
    moved = true;
  }
  frame.addEventListener('pointerdown', function (e) {
    if (e.pointerType === 'mouse' && e.button !== 0) return;
    pts.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pts.size === 1) { moved = false; drag = { x: e.clientX, y: e.clientY, tx: tx, ty: ty }; }
    if (pts.size === 2) startPinch();
  });
  frame.addEventListener('pointermove', function (e) {
    if (!pts.has(e.pointerId)) return;
    pts.set(e.pointerId, { x: e.clientX, y: e.clientY });
    if (pinch && pts.size >= 2) {
      var a = list(), r = frame.getBoundingClientRect();
      var ns = Math.max(minS(), Math.min(MAX, pinch.s * Math.hypot(a[0].x - a[1].x, a[0].y - a[1].y) / pinch.d));
      s = ns; atFit = false;
      tx = (a[0].x + a[1].x) / 2 - r.left - pinch.ux * s;
      ty = (a[0].y + a[1].y) / 2 - r.top - pinch.uy * s;
      render();
      return;
    }
    if (!drag) return;
    var dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (!moved && Math.abs(dx) + Math.abs(dy) > 5) {
      moved = true;
      frame.classList.add('is-dragging');
      // Captured only once it is a drag, so that a plain click keeps its target.
      try { frame.setPointerCapture(e.pointerId); } catch (_) { /* pointer already gone */ }
    }
    if (moved) { tx = drag.tx + dx; ty = drag.ty + dy; atFit = false; render(); }
  });
  function lift(e) {
    pts.delete(e.pointerId);
    if (pts.size < 2) pinch = null;
    if (pts.size === 1) {
      var p = list()[0];
      drag = { x: p.x, y: p.y, tx: tx, ty: ty };
    } else if (!pts.size) {
      drag = null;
      frame.classList.remove('is-dragging');
    }
  }
  frame.addEventListener('pointerup', lift);
  frame.addEventListener('pointercancel', lift);
  // A drag is not a click on what it started on.
  frame.addEventListener('click', function (e) {
    if (moved) { e.stopPropagation(); e.preventDefault(); moved = false; }
  }, true);

  // ---- keys and buttons -------------------------------------------------------------
  function command(what) {
    if (what === 'in') zoomTo(s * 1.25, vw / 2, vh / 2);
    else if (what === 'out') zoomTo(s / 1.25, vw / 2, vh / 2);
    else if (what === 'fit') fit();
    else if (what === 'actual') zoomTo(1, vw / 2, vh / 2);
    else if (what === 'full') toggleFull();
  }
  shell.querySelectorAll('[data-map]').forEach(function (b) {
    b.addEventListener('click', function () { command(b.getAttribute('data-map')); });
  });
  frame.addEventListener('keydown', function (e) {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    var d = e.shiftKey ? 240 : 60;
    switch (e.key) {
      case '+': case '=': command('in'); break;
      case '-': case '_': command('out'); break;
      case '0': command('fit'); break;
      case '1': command('actual'); break;
      case 'f': case 'F': command('full'); break;
      case 'ArrowLeft': panBy(d, 0); break;
      case 'ArrowRight': panBy(-d, 0); break;
      case 'ArrowUp': panBy(0, d); break;
      case 'ArrowDown': panBy(0, -d); break;
      case 'Escape':
        if (shell.classList.contains('is-full')) { toggleFull(); break; }
        return;
      default: return;
    }
    e.preventDefault();
  });

  // ---- full screen ------------------------------------------------------------------
  function fullChanged() {
    var on = isFull();
    document.documentElement.classList.toggle('map-full-open', shell.classList.contains('is-full'));
    if (fullButton) {
      fullButton.setAttribute('aria-pressed', on ? 'true' : 'false');
      var text = fullButton.querySelector('.map-btn-text');
      if (text) text.textContent = fullButton.getAttribute(on ? 'data-on' : 'data-off');
    }
    relayout();
  }
  function toggleFull() {
    if (isFull()) {
      if (document.fullscreenElement) document.exitFullscreen();
      else { shell.classList.remove('is-full'); fullChanged(); }
      return;
    }
    var fallback = function () { shell.classList.add('is-full'); fullChanged(); frame.focus(); };
    if (shell.requestFullscreen) shell.requestFullscreen().catch(fallback);
    else fallback();
  }
  document.addEventListener('fullscreenchange', fullChanged);
  var resizing = 0;
  window.addEventListener('resize', function () {
    if (!resizing) resizing = requestAnimationFrame(function () { resizing = 0; relayout(); });
  });

  // ---- full texts on hover and focus ------------------------------------------------
  function showTip(g) {
    var text = g.getAttribute('data-full');
    if (!text) return;
    tip.textContent = text;
    tip.hidden = false;
    var r = g.getBoundingClientRect(), sr = shell.getBoundingClientRect();
    var x = Math.max(4, Math.min(r.left - sr.left, sr.width - tip.offsetWidth - 4));
    var y = r.bottom - sr.top + 6;
    if (y + tip.offsetHeight > sr.height - 4) y = Math.max(4, r.top - sr.top - tip.offsetHeight - 6);
    tip.style.left = x + 'px';
    tip.style.top = y + 'px';
  }
  function hideTip() { tip.hidden = true; }
  // Brings a focused label into view (beside the sticky titles).
  function reveal(g) {
    var r = g.getBoundingClientRect(), f = frame.getBoundingClientRect();
    var l = r.left - f.left, t = r.top - f.top;
    var minX = (box.headR - box.headL) * s + 8, minY = (box.lanesT - box.bandsT) * s + 8;
    var dx = 0, dy = 0;
    if (l < minX) dx = minX - l; else if (l + r.width > vw - drawerWidth() - 8) dx = vw - drawerWidth() - 8 - l - r.width;
    if (t < minY) dy = minY - t; else if (t + r.height > vh - 8) dy = vh - 8 - t - r.height;
    if (dx || dy) { panBy(dx, dy); paint(); }
  }
  frame.addEventListener('focusin', function (e) {
    var g = e.target.closest ? e.target.closest('g.cut') : null;
    if (!g) { hideTip(); return; }
    g.setAttribute('aria-describedby', 'map-tip');
    reveal(g);
    showTip(g);
  });
  frame.addEventListener('focusout', hideTip);
  frame.addEventListener('mouseover', function (e) {
    var g = e.target.closest ? e.target.closest('g.cut') : null;
    var focused = document.activeElement;
    if (g && !moved) showTip(g);
    else if (!(focused && focused.closest && focused.closest('g.cut'))) hideTip();
  });
  frame.addEventListener('mouseleave', hideTip);

  // ---- steps ------------------------------------------------------------------------
  function select(id, fromList) {
    var url = root.getAttribute('data-steps-url') + encodeURIComponent(id);
    window.htmx.ajax('GET', url, '#step-panel');
    mark(id);
    shell.classList.add('has-step');
    setUrl(id);
    if (fromList) {
      shell.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
      centre(id, atFit);
    }
  }
  root.addEventListener('click', function (ev) {
    var close = ev.target.closest('#step-panel a.close');
    if (close) {
      ev.preventDefault();
      shell.classList.remove('has-step');
      mark(null);
      setUrl(null);
      frame.focus();
      return;
    }
    var el = ev.target.closest('[data-step], [data-col]');
    if (!el || !window.htmx || ev.ctrlKey || ev.metaKey || ev.shiftKey) return;
    ev.preventDefault();
    select(el.getAttribute('data-step') || el.getAttribute('data-col'), !frame.contains(el));
  });

  // ---- on arrival -------------------------------------------------------------------
  layout();
  var selected = root.getAttribute('data-selected');
  mark(selected);
  if (selected) centre(selected, true); else fit();
  paint();
})();
