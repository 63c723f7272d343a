// Loads the wasm app and turns every way it can fail to start into a readable
// message on the page (never a blank screen).
(function () {
  'use strict';
  var statusEl = document.getElementById('status');
  var fatalShown = false;

  function showFatal(message) {
    if (fatalShown) return;
    fatalShown = true;
    statusEl.hidden = true;
    document.getElementById('canvas').style.display = 'none';
    document.getElementById('fatal-message').textContent = message;
    document.getElementById('fatal').hidden = false;
    window.cloudplayStartError = message;
  }
  window.cloudplayFatal = showFatal;

  function hasWebGL2() {
    try { return !!document.createElement('canvas').getContext('webgl2'); } catch (e) { return false; }
  }
  if (typeof WebAssembly !== 'object') {
    showFatal('This browser does not support WebAssembly, which cloudplay needs to run its cloud engine.');
    return;
  }
  if (!hasWebGL2()) {
    showFatal('This browser has no WebGL2, which cloudplay needs to draw its canvas.');
    return;
  }

  var started = false;
  window.onCloudplayFirstFrame = function () { started = true; statusEl.hidden = true; };
  // Anything thrown before the first frame (e.g. cloudplay.data failed to download)
  // would otherwise leave "Loading…" on screen forever.
  window.addEventListener('error', function (e) {
    if (!started) showFatal('cloudplay failed while starting: ' + (e.message || e.error || 'unknown error'));
  });
  window.addEventListener('unhandledrejection', function (e) {
    if (!started) showFatal('cloudplay failed while starting: ' + (e.reason && e.reason.message ? e.reason.message : String(e.reason)));
  });
  var canvas = document.getElementById('canvas');
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    showFatal('The browser lost the WebGL context (the graphics driver was reset). Reload the page to continue.');
  });

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    setStatus: function (t) { if (t && !fatalShown) statusEl.textContent = t; },
    locateFile: function (path) { return path; },
    onAbort: function (what) { showFatal('The cloud engine stopped unexpectedly: ' + what); }
  };

  // Check the wasm file is there before starting, so a missing or broken
  // deployment says which file is wrong.
  fetch('cloudplay.wasm', { method: 'HEAD' }).then(function (r) {
    if (!r.ok) throw new Error('cloudplay.wasm could not be loaded (HTTP ' + r.status + ').');
    var s = document.createElement('script');
    s.src = 'cloudplay.js';
    s.onerror = function () { showFatal('cloudplay.js could not be loaded.'); };
    document.body.appendChild(s);
  }).catch(function (e) {
    showFatal(e && e.message ? e.message : String(e));
  });
})();
