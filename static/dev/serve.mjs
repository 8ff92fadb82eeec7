/**
 * Development-only static server for looking at the built UI with the fixture shim (not the preview server).
 *
 *   node static/dev/serve.mjs [port]      then open http://localhost:5178/main/?surface=project&scenario=phase2
 *
 * Serves static/build/<resource>/ under /<resource>/, and /preview-bridge.js from static/dev/fixture-bridge.js,
 * injecting <script src="/preview-bridge.js"></script> before the module script like the preview server does.
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const buildDir = resolve(here, '../build');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};
// The same kind of policy Forge applies: nothing external, no inline scripts, no inline <style>.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'";

export function startServer(port = 5178) {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/preview-bridge.js') {
        res.writeHead(200, { 'content-type': TYPES['.js'] });
        res.end(await readFile(join(here, 'fixture-bridge.js')));
        return;
      }
      let path = normalize(decodeURIComponent(url.pathname)).replace(/^(\.\.[/\\])+/, '');
      if (path.endsWith('/')) path += 'index.html';
      const file = join(buildDir, path);
      if (!file.startsWith(buildDir)) throw new Error('outside');
      let body = await readFile(file);
      if (file.endsWith('index.html')) {
        body = Buffer.from(
          body
            .toString('utf8')
            .replace(
              '<script type="module"',
              '<script src="/preview-bridge.js"></script>\n    <script type="module"',
            ),
        );
      }
      res.writeHead(200, {
        'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
        'content-security-policy': CSP,
      });
      res.end(body);
    } catch {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
    }
  });
  return new Promise((ok) => server.listen(port, '127.0.0.1', () => ok(server)));
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const port = Number(process.argv[2] ?? 5178);
  startServer(port).then(() => console.log(`http://localhost:${port}/main/?surface=project&scenario=phase2`));
}
