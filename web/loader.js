// Loads the wasm app and turns every way it can fail to start into a readable
// message on the page (never a blank screen).
(function () {
  'use strict';
  var statusEl = document.getElementById('status');
  var fatalShown = false;

  // ---- the loading screen: a progress bar and words a person understands, in the
  // language the app will use (the stored choice, else the browser's language).
  var korean = false;
  try {
    var chosen = window.localStorage.getItem('cloudplay.language');
    korean = chosen ? chosen === 'ko' : /^ko\b/i.test(navigator.language || '');
  } catch (e) {
    korean = /^ko\b/i.test(navigator.language || '');
  }
  document.documentElement.lang = korean ? 'ko' : 'en';
  var WORDS = {
    en: {
      title: 'Loading cloudplay…',
      downloading: function (mb, total) { return 'Downloading the cloud engine, fonts and examples: ' + mb + ' of ' + total + ' MB'; },
      downloadingNoSize: 'Downloading the cloud engine, fonts and examples…',
      starting: 'Starting the cloud engine…',
      fatalTitle: 'cloudplay could not start',
      fatalHint: 'Your saved work is kept in this browser and is not affected. Try reloading the page; if it keeps ' +
                 'failing, use a recent Chrome, Edge, Firefox or Safari with WebGL2 turned on.',
      noWasm: 'This browser does not support WebAssembly, which cloudplay needs to run its cloud engine.',
      noWebGL2: 'This browser has no WebGL2, which cloudplay needs to draw its canvas.',
      failed: function (what) { return 'cloudplay failed while starting: ' + what; },
      contextLost: 'The browser lost the WebGL context (the graphics driver was reset). Reload the page to continue.',
      fileMissing: function (file, status) { return file + ' could not be loaded' + (status ? ' (HTTP ' + status + ')' : '') + '.'; },
      aborted: function (what) { return 'The cloud engine stopped unexpectedly: ' + what; }
    },
    ko: {
      title: 'cloudplay를 불러오는 중…',
      downloading: function (mb, total) { return '클라우드 엔진, 글꼴, 예제를 내려받는 중: ' + total + 'MB 중 ' + mb + 'MB'; },
      downloadingNoSize: '클라우드 엔진, 글꼴, 예제를 내려받는 중…',
      starting: '클라우드 엔진을 시작하는 중…',
      fatalTitle: 'cloudplay를 시작할 수 없습니다',
      fatalHint: '저장된 작업은 이 브라우저에 그대로 남아 있습니다. 페이지를 새로 고쳐 보시고, 계속 실패하면 ' +
                 'WebGL2를 켠 최신 Chrome, Edge, Firefox 또는 Safari를 사용해 주세요.',
      noWasm: '이 브라우저는 WebAssembly를 지원하지 않습니다. cloudplay의 클라우드 엔진은 WebAssembly로 실행됩니다.',
      noWebGL2: '이 브라우저에서는 WebGL2를 쓸 수 없습니다. cloudplay는 WebGL2로 캔버스를 그립니다.',
      failed: function (what) { return '시작하는 중에 오류가 발생했습니다: ' + what; },
      contextLost: '브라우저가 WebGL 컨텍스트를 잃었습니다(그래픽 드라이버가 재설정되었습니다). 계속하려면 페이지를 새로 고치세요.',
      fileMissing: function (file, status) { return file + ' 파일을 불러오지 못했습니다' + (status ? '(HTTP ' + status + ')' : '') + '.'; },
      aborted: function (what) { return '클라우드 엔진이 예기치 않게 중단되었습니다: ' + what; }
    }
  };
  var words = korean ? WORDS.ko : WORDS.en;
  var titleEl = document.getElementById('status-title');
  var barEl = statusEl.querySelector('.bar');
  var fillEl = document.getElementById('status-bar');
  var wordsEl = document.getElementById('status-words');
  titleEl.textContent = words.title;
  barEl.classList.add('indeterminate');
  // Bytes of each download (the engine, cloudplay.wasm; the fonts and examples, cloudplay.data).
  var downloads = {};
  function mb(bytes) { return (bytes / (1024 * 1024)).toFixed(1); }
  function showProgress() {
    if (fatalShown) return;
    var loaded = 0, total = 0, known = true;
    for (var k in downloads) {
      loaded += downloads[k].loaded;
      if (downloads[k].total > 0) total += downloads[k].total; else known = false;
    }
    if (!known || total === 0) {
      wordsEl.textContent = words.downloadingNoSize;
      return;
    }
    var share = Math.min(1, loaded / total);
    barEl.classList.remove('indeterminate');
    fillEl.style.width = (share * 100).toFixed(1) + '%';
    barEl.setAttribute('aria-valuenow', String(Math.round(share * 100)));
    wordsEl.textContent = share >= 1 ? words.starting : words.downloading(mb(loaded), mb(total));
  }
  function progress(name, loaded, total) {
    downloads[name] = { loaded: loaded, total: total };
    showProgress();
  }
  window.cloudplayLoading = { korean: korean, downloads: downloads };

  // `message` is already in the page's language (a words.* text), or the browser's
  // own words for an unexpected error.
  function showFatal(message) {
    if (fatalShown) return;
    fatalShown = true;
    statusEl.hidden = true;
    document.getElementById('canvas').style.display = 'none';
    document.getElementById('fatal-title').textContent = words.fatalTitle;
    document.getElementById('fatal-message').textContent = message;
    document.getElementById('fatal-hint').textContent = words.fatalHint;
    document.getElementById('fatal').hidden = false;
    window.cloudplayStartError = message;
  }
  // An error thrown on the way: ours carry their words (fileError), others are the browser's.
  function showError(e) {
    if (e && e.cloudplayWords) showFatal(e.cloudplayWords);
    else showFatal(words.failed(e && e.message ? e.message : String(e)));
  }
  function fileError(file, status) {
    var e = new Error(WORDS.en.fileMissing(file, status));
    e.cloudplayWords = words.fileMissing(file, status);
    return e;
  }
  // The wasm side (wasm/main.cpp) reports in English and Korean: (en, ko).
  window.cloudplayFatal = function (en, ko) { showFatal(korean && ko ? ko : en); };

  function hasWebGL2() {
    try { return !!document.createElement('canvas').getContext('webgl2'); } catch (e) { return false; }
  }
  if (typeof WebAssembly !== 'object') {
    showFatal(words.noWasm);
    return;
  }
  if (!hasWebGL2()) {
    showFatal(words.noWebGL2);
    return;
  }

  var started = false;
  window.onCloudplayFirstFrame = function () { started = true; statusEl.hidden = true; };
  // Anything thrown before the first frame (e.g. cloudplay.data failed to download)
  // would otherwise leave "Loading…" on screen forever.
  window.addEventListener('error', function (e) {
    if (!started) showFatal(words.failed(e.message || e.error || (korean ? '알 수 없는 오류' : 'unknown error')));
  });
  window.addEventListener('unhandledrejection', function (e) {
    if (!started) showFatal(words.failed(e.reason && e.reason.message ? e.reason.message : String(e.reason)));
  });
  var canvas = document.getElementById('canvas');
  canvas.addEventListener('webglcontextlost', function (e) {
    e.preventDefault();
    showFatal(words.contextLost);
  });

  // Emscripten reports the data file as "Downloading data... (loaded/total)" and then
  // "Running...": turned into the bar and the words above, never shown as they are.
  function onEmscriptenStatus(t) {
    if (fatalShown || !t) return;
    var m = /\((\d+)\/(\d+)\)/.exec(t);
    if (m) progress('cloudplay.data', Number(m[1]), Number(m[2]));
    else if (/^Running/.test(t)) {
      progress('cloudplay.data', downloads['cloudplay.data'] ? downloads['cloudplay.data'].total : 0,
               downloads['cloudplay.data'] ? downloads['cloudplay.data'].total : 0);
      wordsEl.textContent = words.starting;
    }
  }

  // The engine (cloudplay.wasm) is fetched here rather than by Emscripten, so that its
  // download shows in the bar; it is still compiled while it streams in.
  var wasmSize = 0;  // uncompressed, from the HEAD request below
  function instantiateWasm(imports, receiveInstance) {
    progress('cloudplay.wasm', 0, wasmSize);  // in the bar from the start (its size is known from the HEAD request)
    fetch('cloudplay.wasm').then(function (response) {
      if (!response.ok) throw fileError('cloudplay.wasm', response.status);
      // A compressed response's Content-Length counts compressed bytes, but the stream gives
      // the uncompressed ones: then the size comes from the HEAD request (if it had one).
      var encoded = !!response.headers.get('Content-Encoding');
      var total = encoded ? wasmSize : Number(response.headers.get('Content-Length')) || 0;
      progress('cloudplay.wasm', 0, total);
      var counted = response;
      if (response.body && typeof ReadableStream === 'function') {
        var reader = response.body.getReader(), loaded = 0;
        counted = new Response(new ReadableStream({
          pull: function (controller) {
            return reader.read().then(function (r) {
              if (r.done) { progress('cloudplay.wasm', total || loaded, total || loaded); controller.close(); return; }
              loaded += r.value.byteLength;
              progress('cloudplay.wasm', loaded, total);
              controller.enqueue(r.value);
            });
          }
        }), { headers: { 'Content-Type': 'application/wasm' } });
      }
      if (WebAssembly.instantiateStreaming) return WebAssembly.instantiateStreaming(counted, imports);
      return counted.arrayBuffer().then(function (bytes) { return WebAssembly.instantiate(bytes, imports); });
    }).then(function (result) {
      receiveInstance(result.instance, result.module);
    }).catch(showError);
    return {};  // the exports arrive through receiveInstance
  }

  window.Module = {
    canvas: canvas,
    print: function (t) { console.log(t); },
    printErr: function (t) { console.warn(t); },
    setStatus: onEmscriptenStatus,
    instantiateWasm: instantiateWasm,
    locateFile: function (path) { return path; },
    onAbort: function (what) { showFatal(words.aborted(what)); }
  };

  // Check the wasm file is there before starting, so a missing or broken
  // deployment says which file is wrong.
  fetch('cloudplay.wasm', { method: 'HEAD' }).then(function (r) {
    if (!r.ok) throw fileError('cloudplay.wasm', r.status);
    if (!r.headers.get('Content-Encoding')) wasmSize = Number(r.headers.get('Content-Length')) || 0;
    var s = document.createElement('script');
    s.src = 'cloudplay.js';
    s.onerror = function () { showFatal(words.fileMissing('cloudplay.js')); };
    document.body.appendChild(s);
  }).catch(showError);
})();
