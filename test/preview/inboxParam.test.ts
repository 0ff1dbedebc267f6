import { presetInbox } from '../../src/preview/inboxParam';

const page = (href: string) => {
  const u = new URL(href);
  return { origin: u.origin, hostname: u.hostname };
};

describe('?inbox= in the preview', () => {
  test('a foreign address is ignored, wherever the preview runs', () => {
    for (const at of ['https://hopthu.soldtbxh.gov.vn/pane/preview.html', 'http://localhost:3000/preview.html']) {
      expect(presetInbox('https://evil.example', page(at))).toBeNull();
      expect(presetInbox('//evil.example/api', page(at))).toBeNull();
      expect(presetInbox('javascript:alert(1)', page(at))).toBeNull();
      expect(presetInbox('http://user:pw@localhost:8787', page(at))).toBeNull();
    }
  });

  test('the same origin is honoured; loopback only while the preview itself is on loopback', () => {
    expect(presetInbox('https://hopthu.example/', page('https://hopthu.example/pane/preview.html'))).toBe('https://hopthu.example');
    expect(presetInbox('/', page('https://hopthu.example/pane/preview.html'))).toBe('https://hopthu.example');
    expect(presetInbox('http://127.0.0.1:8787', page('http://localhost:3000/preview.html'))).toBe('http://127.0.0.1:8787');
    expect(presetInbox('http://127.0.0.1:8787', page('https://hopthu.example/pane/preview.html'))).toBeNull();
    expect(presetInbox(null, page('http://localhost:3000/'))).toBeNull();
  });
});
