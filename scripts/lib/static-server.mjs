// A small static file server for the built page (node, no dependencies).
// Serves .wasm with its MIME type and gzip when the client accepts it.
// usage: node static-server.mjs DIR PORT   (also importable: startServer(dir, port))
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const TYPES = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.wasm': 'application/wasm', '.data': 'application/octet-stream',
  '.json': 'application/json', '.png': 'image/png', '.svg': 'image/svg+xml', '.ttf': 'font/ttf', '.ico': 'image/x-icon',
};

export function startServer(root, port = 0, host = '127.0.0.1') {
  root = path.resolve(root);
  const gzCache = new Map();
  const server = http.createServer((req, res) => {
    let urlPath;
    try { urlPath = decodeURIComponent(new URL(req.url, 'http://x').pathname); } catch { res.writeHead(400); res.end('bad url'); return; }
    if (urlPath.endsWith('/')) urlPath += 'index.html';
    const file = path.join(root, urlPath);
    if (!file.startsWith(root + path.sep)) { res.writeHead(403); res.end('forbidden'); return; }
    fs.stat(file, (err, st) => {
      if (err || !st.isFile()) { res.writeHead(404, { 'Content-Type': 'text/plain' }); res.end('not found: ' + urlPath); return; }
      const headers = { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream', 'Cache-Control': 'no-cache' };
      const gzip = /\bgzip\b/.test(req.headers['accept-encoding'] || '');
      if (req.method === 'HEAD') { headers['Content-Length'] = st.size; res.writeHead(200, headers); res.end(); return; }
      if (!gzip) { headers['Content-Length'] = st.size; res.writeHead(200, headers); fs.createReadStream(file).pipe(res); return; }
      const key = file + ':' + st.mtimeMs + ':' + st.size;
      let body = gzCache.get(key);
      if (!body) { body = zlib.gzipSync(fs.readFileSync(file), { level: 6 }); gzCache.set(key, body); }
      headers['Content-Encoding'] = 'gzip';
      headers['Content-Length'] = body.length;
      res.writeHead(200, headers);
      res.end(body);
    });
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [dir, port] = process.argv.slice(2);
  if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`static-server: ${dir || '(no folder)'} has no index.html; build the web app first (scripts/serve builds it).`);
    process.exit(2);
  }
  startServer(dir, Number(port || 8080)).then((s) => console.log(`serving ${dir} on http://127.0.0.1:${s.address().port}/`));
}
