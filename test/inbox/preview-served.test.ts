import fs from 'node:fs';
import path from 'node:path';
import { startTestInbox, tempDir, type TestInbox } from './helpers';

/** The production inbox serves the task pane, never the development preview (which honoured
 *  `?inbox=<any URL>` and sent the unit's token there). */
describe('the inbox does not serve the preview', () => {
  let inbox: TestInbox;
  let paneDir: string;
  beforeAll(async () => {
    paneDir = tempDir('vr-pane-');
    for (const [file, text] of [
      ['taskpane.html', '<!doctype html><title>pane</title>'],
      ['taskpane.0a1b2c3d.js', 'console.log("pane")'],
      ['preview.html', '<!doctype html><title>preview</title>'],
      ['preview.9f8e7d6c.js', 'console.log("preview")'],
      ['preview.js', 'console.log("preview dev")'],
      ['preview.js.map', '{}'],
    ]) fs.writeFileSync(path.join(paneDir, file), text);
    process.env.VR_PANE_DIR = paneDir;
    inbox = await startTestInbox({ web: true });
  });
  afterAll(async () => {
    delete process.env.VR_PANE_DIR;
    await inbox.close();
    fs.rmSync(paneDir, { recursive: true, force: true });
  });

  test('/pane/preview.html and the preview bundle are 404; the pane itself is served', async () => {
    for (const file of ['preview.html', 'preview.9f8e7d6c.js', 'preview.js', 'preview.js.map', 'PREVIEW.html']) {
      const res = await inbox.request('GET', `/pane/${file}?inbox=https://evil.example`);
      expect([file, res.status]).toEqual([file, 404]);
      expect(res.body.toString()).not.toContain('preview');
    }
    expect((await inbox.request('GET', '/pane/taskpane.html')).status).toBe(200);
    expect((await inbox.request('GET', '/pane/taskpane.0a1b2c3d.js')).status).toBe(200);
  });
});
