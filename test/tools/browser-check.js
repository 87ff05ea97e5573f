'use strict';
// The browser half of test/tools/browser-check (read that script first: it
// checks the prerequisites, makes the work directory and, for speedscope,
// serves the web build). This file starts headless Chromium with
// --remote-debugging-pipe, drives it over the DevTools protocol and decides
// which strings the page really drew.
//
//   node browser-check.js svg        WORKDIR FILE.svg NAME...
//   node browser-check.js speedscope WORKDIR URL      NAME...
//
// Prints "drawn: STRING" on stdout for each distinct string drawn, in the
// order first drawn; everything else goes to stderr. Exit status: 0 when
// every NAME is drawn, 1 when one is not or the page did not render the
// input at all, 2 on a setup error (the browser would not start, WebGL is
// missing, a bad argument).
//
// Environment: KCOV_EXT_CHROMIUM (default /usr/bin/chromium),
// KCOV_EXT_BROWSER_TIMEOUT (seconds for the whole check, default 30),
// KCOV_EXT_BROWSER_SCREENSHOT (a PNG file to save the page in, to look at),
// KCOV_EXT_CHROMIUM_FLAGS (more Chromium flags, separated by spaces).

const { spawn } = require('child_process');
const fs = require('fs');
const path = require('path');
const { pathToFileURL } = require('url');

const PROG = 'browser-check';
const CHROMIUM = process.env.KCOV_EXT_CHROMIUM || '/usr/bin/chromium';
const TIMEOUT_MS = 1000 * (Number(process.env.KCOV_EXT_BROWSER_TIMEOUT) || 30);
const deadline = Date.now() + TIMEOUT_MS;

// The flags that make Chromium usable as root, offline and in a container.
// WebGL, which speedscope needs, still works with --disable-gpu: Chromium
// then renders it with SwiftShader (checked with Chromium 156).
const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--mute-audio',
  '--window-size=1280,800',
  '--remote-debugging-pipe',
];

class Failure extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}
const fail = (message) => new Failure(1, message);
const setupError = (message) => new Failure(2, message);

function msLeft() {
  return deadline - Date.now();
}

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

// ---------------------------------------------------------------- browser

class Browser {
  constructor(workdir) {
    this.workdir = workdir;
    this.logPath = path.join(workdir, 'chromium.log');
    this.nextId = 0;
    this.pending = new Map();
    this.listeners = [];
    this.console = [];
    this.exited = false;
  }

  start() {
    const profile = fs.mkdtempSync(path.join(this.workdir, 'profile-'));
    const log = fs.openSync(this.logPath, 'w');
    const env = { ...process.env };
    if (!env.HOME) env.HOME = this.workdir;
    const extra = (process.env.KCOV_EXT_CHROMIUM_FLAGS || '').split(/\s+/).filter(Boolean);
    this.proc = spawn(CHROMIUM, [...CHROMIUM_FLAGS, ...extra, `--user-data-dir=${profile}`, 'about:blank'], {
      stdio: ['ignore', log, log, 'pipe', 'pipe'],
      detached: true, // its own process group, so that stop() ends all of it
      env,
    });
    fs.closeSync(log);
    this.exitPromise = new Promise((resolve) => {
      this.proc.on('exit', () => {
        this.exited = true;
        for (const { reject } of this.pending.values()) {
          reject(setupError('Chromium exited unexpectedly' + this.logTail()));
        }
        this.pending.clear();
        resolve();
      });
    });
    this.proc.on('error', () => {});
    this.toBrowser = this.proc.stdio[3];
    this.toBrowser.on('error', () => {});
    let buf = Buffer.alloc(0);
    this.proc.stdio[4].on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      let end;
      while ((end = buf.indexOf(0)) >= 0) {
        const text = buf.subarray(0, end).toString('utf8');
        buf = buf.subarray(end + 1);
        this.dispatch(JSON.parse(text));
      }
    });
  }

  logTail() {
    let text = '';
    try {
      text = fs.readFileSync(this.logPath, 'utf8');
    } catch (e) {
      return '';
    }
    const lines = text.split('\n').filter((l) => l && !/dbus|Fontconfig|\[: /.test(l));
    return lines.length ? '; its log ends:\n  ' + lines.slice(-10).join('\n  ') : '';
  }

  dispatch(msg) {
    if (msg.id !== undefined) {
      const p = this.pending.get(msg.id);
      if (!p) return;
      this.pending.delete(msg.id);
      if (msg.error) p.reject(setupError(`${p.method}: ${msg.error.message}`));
      else p.resolve(msg.result);
      return;
    }
    if (msg.method === 'Runtime.consoleAPICalled') {
      const args = msg.params.args.map((a) => (a.value !== undefined ? String(a.value) : a.description || a.type));
      this.console.push(`console.${msg.params.type}: ${args.join(' ')}`);
    } else if (msg.method === 'Runtime.exceptionThrown') {
      const d = msg.params.exceptionDetails;
      this.console.push(`exception: ${(d.exception && d.exception.description) || d.text}`);
    } else if (msg.method === 'Page.javascriptDialogOpening') {
      this.console.push(`${msg.params.type}: ${msg.params.message}`);
      this.send('Page.handleJavaScriptDialog', { accept: true }, msg.sessionId).catch(() => {});
    }
    for (const l of this.listeners) l(msg);
  }

  send(method, params = {}, sessionId = this.session) {
    if (this.exited) return Promise.reject(setupError('Chromium is not running' + this.logTail()));
    const id = ++this.nextId;
    const msg = { id, method, params };
    if (sessionId) msg.sessionId = sessionId;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        const e = setupError(`no answer from Chromium to ${method} in time` + this.logTail());
        e.timedOut = true;
        reject(e);
      }, Math.max(msLeft(), 1000));
      this.pending.set(id, {
        method,
        resolve: (r) => { clearTimeout(timer); resolve(r); },
        reject: (e) => { clearTimeout(timer); reject(e); },
      });
      this.toBrowser.write(JSON.stringify(msg) + '\0');
    });
  }

  waitFor(pred, what) {
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.listeners = this.listeners.filter((l) => l !== listener);
        reject(fail(`timed out waiting for ${what}`));
      }, Math.max(msLeft(), 0));
      const listener = (msg) => {
        if (!pred(msg)) return;
        clearTimeout(timer);
        this.listeners = this.listeners.filter((l) => l !== listener);
        resolve(msg);
      };
      this.listeners.push(listener);
    });
  }

  async openPage() {
    const { targetId } = await this.send('Target.createTarget', { url: 'about:blank' });
    const { sessionId } = await this.send('Target.attachToTarget', { targetId, flatten: true });
    this.session = sessionId;
    await this.send('Page.enable');
    await this.send('Runtime.enable');
  }

  async navigate(url) {
    const loaded = this.waitFor((m) => m.method === 'Page.loadEventFired', `${url} to load`);
    loaded.catch(() => {});
    const r = await this.send('Page.navigate', { url });
    if (r.errorText) throw fail(`cannot open ${url}: ${r.errorText}`);
    await loaded;
  }

  // Evaluates an expression in the page and returns its value (awaiting it
  // when it is a promise).
  async evaluate(expression) {
    let r;
    try {
      r = await this.send('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    } catch (e) {
      // The page's own script keeps it busy: the input makes it hang.
      if (e.timedOut) throw fail(`the page did not answer within the ${TIMEOUT_MS / 1000} s allowed (its script is busy: does the input make it loop?)`);
      throw e;
    }
    if (r.exceptionDetails) {
      const d = r.exceptionDetails;
      throw setupError(`script error in page: ${(d.exception && d.exception.description) || d.text}`);
    }
    return r.result.value;
  }

  // Closes the browser, then ends whatever is left of its process group
  // (helpers that outlive it), and waits until the group is gone, so that
  // the caller can remove the profile directory.
  async stop() {
    if (!this.proc || this.stopped) return;
    this.stopped = true;
    if (!this.exited) {
      this.send('Browser.close').catch(() => {});
      await Promise.race([this.exitPromise, sleep(3000)]);
    }
    const group = -this.proc.pid;
    try { process.kill(group, 'SIGKILL'); } catch (e) { return; }
    for (let i = 0; i < 50; i++) {
      try { process.kill(group, 0); } catch (e) { return; }
      await sleep(20);
    }
  }
}

// ---------------------------------------------------------------- matching

// Whether the drawn string `drawn` shows `name`: the same string, one that
// begins with it, or one that a renderer truncated for lack of room, showing
// at least 3 of the name's characters (all of them when it is shorter):
//   flamegraph style: "helper_with_a_lo.."  (beginning, then ".." or "…")
//   speedscope style: "helper_w…long_name"   (beginning…end)
function shows(drawn, name) {
  if (drawn === name || drawn.startsWith(name)) return 'whole';
  const least = Math.min(3, name.length);
  for (const ell of ['\u2026', '...', '..']) {
    const at = drawn.indexOf(ell);
    if (at < 0) continue;
    const head = drawn.slice(0, at);
    const tail = drawn.slice(at + ell.length);
    if (head.length === 0 || head.length + tail.length >= name.length) continue;
    if (head.length + tail.length < least) continue;
    if (name.startsWith(head) && name.endsWith(tail)) return 'truncated';
  }
  return null;
}

function report(drawn, names) {
  for (const d of drawn) process.stdout.write(`drawn: ${d}\n`);
  const missing = [];
  for (const name of names) {
    const whole = drawn.find((d) => shows(d, name) === 'whole');
    if (whole !== undefined) continue;
    const cut = drawn.find((d) => shows(d, name) === 'truncated');
    if (cut !== undefined) {
      process.stderr.write(`${PROG}: note: "${name}" is drawn truncated, as "${cut}"\n`);
      continue;
    }
    missing.push(name);
  }
  if (missing.length) {
    throw fail(`not drawn: ${missing.map((n) => `"${n}"`).join(', ')}` +
      (drawn.length ? '' : ' (nothing was drawn)'));
  }
}

// ---------------------------------------------------------------- svg

// Runs in the SVG document itself. For each <text> with content: is it laid
// out (a computed text length and a box of non-zero size), visible (display,
// visibility, opacity of it and its ancestors, fill) and within the viewport
// of its <svg>? Also notes text that is wider than the <rect> of its frame.
const SVG_PROBE = `(async () => {
  if (document.fonts && document.fonts.ready) await document.fonts.ready;
  const SVG = 'http://www.w3.org/2000/svg';
  const err = document.getElementsByTagName('parsererror')[0];
  if (err) return { error: 'the SVG is not well-formed XML: ' + err.textContent.replace(/\\s+/g, ' ').trim() };
  const root = document.documentElement;
  if (!root || root.namespaceURI !== SVG || root.localName !== 'svg') {
    return { error: 'the document is not an SVG document (its root element is <' +
      (root ? root.localName : 'none') + '> in namespace ' + (root && root.namespaceURI) + ')' };
  }
  // The viewport of an <svg> in client coordinates, within those of the
  // <svg>s around it. (The box of a nested <svg> is that of its content.)
  const viewport = (s) => {
    if (s === root || !s.ownerSVGElement) return root.getBoundingClientRect();
    const m = s.parentElement.getScreenCTM();
    const x = s.x.animVal.value, y = s.y.animVal.value;
    const w = s.width.animVal.value, h = s.height.animVal.value;
    const ps = [[x, y], [x + w, y], [x, y + h], [x + w, y + h]].map(([px, py]) => new DOMPoint(px, py).matrixTransform(m));
    const up = viewport(s.ownerSVGElement);
    return {
      left: Math.max(up.left, Math.min(...ps.map((p) => p.x))),
      top: Math.max(up.top, Math.min(...ps.map((p) => p.y))),
      right: Math.min(up.right, Math.max(...ps.map((p) => p.x))),
      bottom: Math.min(up.bottom, Math.max(...ps.map((p) => p.y))),
    };
  };
  const out = [];
  for (const t of document.getElementsByTagNameNS(SVG, 'text')) {
    const text = t.textContent.replace(/\\s+/g, ' ').trim();
    if (!text) continue;
    const r = { text, drawn: false, why: '', warn: [] };
    out.push(r);
    let hidden = '';
    for (let e = t; e && e.nodeType === 1; e = e.parentElement) {
      const cs = getComputedStyle(e);
      if (cs.display === 'none') { hidden = 'display: none' + (e === t ? '' : ' on <' + e.localName + '>'); break; }
      if (Number(cs.opacity) === 0) { hidden = 'opacity 0' + (e === t ? '' : ' on <' + e.localName + '>'); break; }
      if (e.localName === 'defs' || e.localName === 'symbol' || e.localName === 'clipPath' ||
          e.localName === 'mask' || e.localName === 'pattern' || e.localName === 'marker') {
        hidden = 'inside <' + e.localName + '>'; break;
      }
    }
    const cs = getComputedStyle(t);
    if (!hidden && cs.visibility !== 'visible') hidden = 'visibility: ' + cs.visibility;
    if (!hidden && (cs.fill === 'none' || Number(cs.fillOpacity) === 0) && cs.stroke === 'none') hidden = 'no fill';
    if (hidden) { r.why = hidden; continue; }
    let len = 0;
    try { len = t.getComputedTextLength(); } catch (e) { len = 0; }
    const b = t.getBoundingClientRect();
    if (!(len > 0) || !(b.width > 0) || !(b.height > 0)) {
      r.why = 'not laid out (text length ' + len + ', box ' + b.width + 'x' + b.height + ')'; continue;
    }
    const v = viewport(t.ownerSVGElement || root);
    const ix = Math.min(b.right, v.right) - Math.max(b.left, v.left);
    const iy = Math.min(b.bottom, v.bottom) - Math.max(b.top, v.top);
    if (!(ix > 0 && iy > 0)) {
      r.why = 'outside the SVG viewport (text at ' + [b.left, b.top, b.right, b.bottom].map(Math.round).join(',') +
        ', viewport ' + [v.left, v.top, v.right, v.bottom].map(Math.round).join(',') + ')';
      continue;
    }
    r.drawn = true;
    if (b.left < v.left - 1 || b.right > v.right + 1 || b.top < v.top - 1 || b.bottom > v.bottom + 1) {
      r.warn.push('only partly inside the SVG viewport');
    }
    const g = t.parentElement;
    const frame = g && g.localName === 'g' ? [...g.children].find((c) => c.localName === 'rect') : null;
    if (frame) {
      const f = frame.getBoundingClientRect();
      if (b.right > f.right + 1) {
        r.warn.push('wider than its frame (text ends at x=' + Math.round(b.right) + ', its <rect> at x=' + Math.round(f.right) + ')');
      }
    }
  }
  return { texts: out };
})()`;

async function checkSvg(browser, file, names) {
  let st;
  try {
    st = fs.statSync(file);
  } catch (e) {
    throw setupError(`cannot read ${file}: ${e.code || e.message}`);
  }
  if (!st.isFile()) throw setupError(`${file} is not a file`);
  await browser.openPage();
  await browser.navigate(pathToFileURL(path.resolve(file)).href);
  const res = await browser.evaluate(SVG_PROBE);
  if (res.error) throw fail(res.error);
  const drawn = [];
  for (const t of res.texts) {
    if (!t.drawn) {
      process.stderr.write(`${PROG}: not drawn: "${t.text}": ${t.why}\n`);
      continue;
    }
    for (const w of t.warn) process.stderr.write(`${PROG}: warning: "${t.text}" is ${w}\n`);
    if (!drawn.includes(t.text)) drawn.push(t.text);
  }
  if (res.texts.length === 0) process.stderr.write(`${PROG}: the SVG has no <text> with content\n`);
  report(drawn, names);
}

// ---------------------------------------------------------------- speedscope

// The page's state, read every 100 ms. window.__kcovExt is set up by the
// script that browser-check puts into speedscope's index.html before
// speedscope's own: it records every string given to fillText.
const SPEEDSCOPE_STATE = `(() => {
  const k = window.__kcovExt;
  const body = document.body ? document.body.innerText : '';
  return {
    hooked: !!k,
    drawn: k ? k.drawn.slice() : [],
    title: document.title,
    error: /Something went wrong/.test(body),
    landing: /Drag and drop a profile/.test(body),
  };
})()`;

const WEBGL_PROBE = `(() => {
  const c = document.createElement('canvas');
  return !!(c.getContext('webgl') || c.getContext('experimental-webgl'));
})()`;

async function checkSpeedscope(browser, url, names) {
  await browser.openPage();
  await browser.navigate(url);
  let state = await browser.evaluate(SPEEDSCOPE_STATE);
  if (!state.hooked) throw setupError('the fillText recorder is not in the page (index.html not patched?)');

  // Loaded: speedscope sets the title to "NAME - speedscope" once it has
  // imported a profile. Then wait until the labels stop changing.
  let stableSince = 0;
  let lastCount = -1;
  for (;;) {
    const dialogs = browser.console.filter((l) => /^(alert|confirm|prompt): /.test(l));
    if (dialogs.length) throw fail(`speedscope did not load the profile: ${dialogs.join('; ')}`);
    const noGl = browser.console.find((l) => /Failed to create WebGL context/.test(l));
    if (noGl) throw setupError(`speedscope needs WebGL, which this Chromium lacks (${noGl.split('\n')[0]})`);
    if (state.error) {
      const why = browser.console.map((l) => /^console\.\w+: Failed to load format (.*)/.exec(l)).find(Boolean);
      throw fail(`speedscope did not load the profile: ${why ? why[1].split('\n')[0] : '"Something went wrong"'}`);
    }
    const thrown = browser.console.find((l) => l.startsWith('exception: '));
    if (thrown) throw fail(`speedscope failed on the profile: ${thrown.split('\n')[0]}`);
    const loaded = / - speedscope$/.test(state.title);
    if (loaded && state.drawn.length > 0) {
      if (state.drawn.length !== lastCount) {
        lastCount = state.drawn.length;
        stableSince = Date.now();
      } else if (Date.now() - stableSince >= 500) {
        break;
      }
    }
    if (msLeft() <= 0) {
      if (!(await browser.evaluate(WEBGL_PROBE))) {
        throw setupError('WebGL is not available in this Chromium, and speedscope needs it');
      }
      throw fail(loaded
        ? 'speedscope loaded the profile but drew no labels in time'
        : `speedscope did not load the profile in time (title "${state.title}"` +
          `${state.landing ? ', still on its landing page' : ''})`);
    }
    await sleep(100);
    state = await browser.evaluate(SPEEDSCOPE_STATE);
  }

  const how = browser.console.map((l) => /^console\.log: (Importing as .*)$/.exec(l)).find(Boolean);
  if (!how || how[1] !== 'Importing as speedscope json file') {
    throw fail(`speedscope did not read the file as speedscope JSON (${how ? how[1] : 'no "Importing as" message'})`);
  }
  report(state.drawn, names);
}

// ---------------------------------------------------------------- main

// With KCOV_EXT_BROWSER_SCREENSHOT set, saves what the page shows.
async function screenshot(browser) {
  const file = process.env.KCOV_EXT_BROWSER_SCREENSHOT;
  if (!file || !browser.session || browser.exited) return;
  try {
    const { data } = await browser.send('Page.captureScreenshot', { format: 'png' });
    fs.writeFileSync(file, Buffer.from(data, 'base64'));
    process.stderr.write(`${PROG}: screenshot in ${file}\n`);
  } catch (e) {
    process.stderr.write(`${PROG}: no screenshot: ${e.message}\n`);
  }
}

async function main() {
  const [mode, workdir, input, ...names] = process.argv.slice(2);
  if (!['svg', 'speedscope'].includes(mode) || !workdir || !input) {
    process.stderr.write('usage: node browser-check.js svg|speedscope WORKDIR FILE|URL NAME...\n');
    return 2;
  }
  const browser = new Browser(workdir);
  const stop = async (status) => {
    await browser.stop();
    process.exit(status);
  };
  process.on('SIGTERM', () => stop(143));
  process.on('SIGINT', () => stop(130));
  process.on('SIGHUP', () => stop(129));
  try {
    browser.start();
    if (mode === 'svg') await checkSvg(browser, input, names);
    else await checkSpeedscope(browser, input, names);
    await screenshot(browser);
    return 0;
  } catch (e) {
    if (!(e instanceof Failure)) throw e;
    await screenshot(browser);
    process.stderr.write(`${PROG}: ${e.message}\n`);
    if (e.status === 1 && browser.console.length) {
      const lines = browser.console.slice(-20).map((l) => l.split('\n')[0]);
      process.stderr.write(`${PROG}: the page's console:\n  ${lines.join('\n  ')}\n`);
    }
    return e.status;
  } finally {
    await browser.stop();
  }
}

main().then(
  (status) => process.exit(status),
  (e) => {
    process.stderr.write(`${PROG}: internal error: ${(e && e.stack) || e}\n`);
    process.exit(2);
  },
);
