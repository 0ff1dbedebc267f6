/** @jest-environment ./test/support/jsdomEnvironment.js */
/** boot.js: the ES5 start-up check loaded before the React bundle. */
import fs from 'fs';
import path from 'path';

const SOURCE = fs.readFileSync(path.resolve(__dirname, '../../src/taskpane/boot.js'), 'utf8');

function page(): void {
  document.body.innerHTML = '<div id="root">Đang tải…</div><script id="vr-boot" data-bundles="react.js taskpane.js"></script>';
}

function runBoot(): void {
  new Function(SOURCE)();
}

describe('boot.js', () => {
  const realUa = navigator.userAgent;
  afterEach(() => Object.defineProperty(window.navigator, 'userAgent', { value: realUa, configurable: true }));

  it('explains, Vietnamese first with English, instead of loading the pane in IE11', () => {
    page();
    Object.defineProperty(window.navigator, 'userAgent', { value: 'Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; rv:11.0) like Gecko', configurable: true });
    runBoot();
    const box = document.getElementById('vr-unsupported');
    expect(box).not.toBeNull();
    const text = box!.textContent ?? '';
    expect(text.indexOf('Excel này chưa chạy được')).toBeLessThan(text.indexOf('This Excel cannot run'));
    expect(text).toContain('Excel trên web');
    expect(text).toContain('/upload/');
    expect(document.querySelectorAll('script[src]')).toHaveLength(0);
  });

  it('explains when a needed feature (Proxy) is missing', () => {
    page();
    const proxy = window.Proxy;
    // @ts-expect-error: simulating an old webview
    delete window.Proxy;
    try {
      runBoot();
    } finally {
      window.Proxy = proxy;
    }
    expect(document.getElementById('vr-unsupported')?.textContent).toContain('thiếu chức năng JavaScript cần thiết');
  });

  it('loads the bundles in order in a modern webview', () => {
    page();
    // jsdom has no fetch; a modern webview has.
    const w = window as unknown as { fetch?: unknown };
    const had = 'fetch' in w;
    if (!had) w.fetch = () => undefined;
    try {
      runBoot();
    } finally {
      if (!had) delete w.fetch;
    }
    expect(document.getElementById('vr-unsupported')).toBeNull();
    const scripts = [...document.querySelectorAll('script[src]')].map((s) => s.getAttribute('src'));
    expect(scripts).toEqual(['react.js', 'taskpane.js']);
    expect((document.querySelector('script[src="react.js"]') as HTMLScriptElement).async).toBe(false);
  });

  it('is plain ES5: no arrow functions, let/const, classes or template literals', () => {
    const code = SOURCE.replace(/\/\*[\s\S]*?\*\//g, '').replace(/'(?:[^'\\]|\\.)*'/g, "''");
    expect(code).not.toMatch(/=>|\blet\b|\bconst\b|\bclass\b|`/);
  });
});
