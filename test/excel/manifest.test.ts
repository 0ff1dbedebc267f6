/**
 * The add-in manifest, offline: parsed with office-addin-manifest (and xml2js, which it uses)
 * and checked for what Office needs to load it; every icon and page it names is produced by
 * the build. (`npm run validate` asks Microsoft's online validator; never a test.)
 */
import fs from 'fs';
import path from 'path';
import { execFileSync } from 'child_process';
// xml2js (office-addin-manifest's own XML parser) ships no type declarations.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { parseStringPromise } = require('xml2js') as { parseStringPromise: (xml: string) => Promise<{ OfficeApp: Record<string, unknown> }> };

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const DEV = 'https://localhost:3000/';

type Node = Record<string, unknown>;

function urlsIn(node: unknown, out: string[] = []): string[] {
  if (typeof node === 'string') {
    if (node.startsWith('https://')) out.push(node);
  } else if (Array.isArray(node)) node.forEach((n) => urlsIn(n, out));
  else if (node && typeof node === 'object') Object.values(node).forEach((n) => urlsIn(n, out));
  return out;
}

/** Files the pane build emits: its HTML pages and copied files (webpack.config.js). */
function builtFiles(): Set<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const config = require(path.join(ROOT, 'webpack.config.js'))({}, { mode: 'development' })[0];
  const files = new Set<string>();
  for (const plugin of config.plugins) {
    const options = (plugin as { userOptions?: { filename?: string }; patterns?: { from: string; to: string }[] }).userOptions;
    if (options?.filename) files.add(options.filename);
    for (const pattern of (plugin as { patterns?: { from: string; to: string }[] }).patterns ?? []) {
      if (pattern.from.startsWith('assets/')) {
        for (const f of fs.readdirSync(path.join(ROOT, 'assets'))) files.add(`assets/${f}`);
      } else if (!pattern.from.includes('*')) {
        expect(fs.existsSync(path.join(ROOT, pattern.from))).toBe(true);
        files.add(pattern.to);
      }
    }
  }
  return files;
}

describe('manifest.xml', () => {
  let xml: { OfficeApp: Node };

  beforeAll(async () => {
    xml = await parseStringPromise(fs.readFileSync(MANIFEST, 'utf8'));
  });

  it('is an Excel task pane add-in with a stable id and a four-part version', async () => {
    // office-addin-manifest loads ES-module-only dependencies that jest's CommonJS runtime cannot;
    // Node itself can, so its reader runs in a child process.
    const script = `require('office-addin-manifest').OfficeAddinManifest.readManifestFile(${JSON.stringify(MANIFEST)}).then((i) => process.stdout.write(JSON.stringify(i)))`;
    const info = JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf8' }));
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultLocale).toBe('vi-VN');
    expect(info.displayName).toBe('Sổ theo dõi nạn nhân');
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe(`${DEV}taskpane.html`);
  });

  it('declares only ExcelApi 1.1, the true minimum (newer features are checked at run time)', () => {
    const sets = (xml.OfficeApp.Requirements as Node[])[0].Sets as Node[];
    const list = (sets[0].Set as { $: { Name: string; MinVersion: string } }[]).map((s) => s.$);
    expect(list).toEqual([{ Name: 'ExcelApi', MinVersion: '1.1' }]);
    const source = fs.readFileSync(path.join(ROOT, 'src/excel/office.ts'), 'utf8');
    for (const version of ['1.2', '1.7', '1.8']) expect(source).toContain(`excel('${version}')`);
  });

  it('has an English override for every Vietnamese ribbon string', () => {
    const text = fs.readFileSync(MANIFEST, 'utf8');
    const strings = text.match(/<bt:String id="[^"]+" DefaultValue="[^"]+">\s*<bt:Override Locale="en-US"/g) ?? [];
    const all = text.match(/<bt:String id=/g) ?? [];
    expect(all.length).toBeGreaterThan(0);
    expect(strings.length).toBe(all.length);
  });

  it('has a ribbon button that opens the pane, with 16, 32 and 80 px icons', () => {
    const text = fs.readFileSync(MANIFEST, 'utf8');
    expect(text).toMatch(/<Action xsi:type="ShowTaskpane">[\s\S]*<SourceLocation resid="Taskpane.Url"\/>/);
    for (const size of [16, 32, 80]) expect(text).toContain(`<bt:Image size="${size}" resid="Icon.${size}x${size}"/>`);
  });

  it('points every URL at a file the build produces, under the dev URL the build replaces', () => {
    const urls = [...new Set(urlsIn(xml))].filter((u) => !u.startsWith('https://localhost:3000') || u.startsWith(DEV) || u === DEV.slice(0, -1));
    const built = builtFiles();
    const resources = urls.filter((u) => u.startsWith(DEV));
    expect(resources.length).toBeGreaterThan(5);
    for (const url of resources) expect(built).toContain(url.slice(DEV.length));
    // Nothing else but the dev origin itself (AppDomain): production URLs come from the build.
    expect(urls.filter((u) => !u.startsWith(DEV))).toEqual(['https://localhost:3000']);
  });

  it('icons are real PNGs of the size their name says', () => {
    for (const size of [16, 32, 64, 80]) {
      const png = fs.readFileSync(path.join(ROOT, `assets/icon-${size}.png`));
      expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
      expect(png.readUInt32BE(16)).toBe(size);
      expect(png.readUInt32BE(20)).toBe(size);
    }
  });

  it('a production build rewrites the dev URL to the production URL', () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const webpackConfig = require(path.join(ROOT, 'webpack.config.js'));
    const config = webpackConfig({}, { mode: 'production' })[0];
    const copy = config.plugins.find((p: { patterns?: unknown[] }) => Array.isArray(p.patterns));
    const pattern = copy.patterns.find((p: { from: string }) => p.from === 'manifest*.xml');
    const out = pattern.transform(fs.readFileSync(MANIFEST)) as string;
    expect(out).not.toContain(DEV);
    expect(out).toContain(`${webpackConfig.urlProd}taskpane.html`);
  });
});
