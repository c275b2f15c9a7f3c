import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { CFCT_ZIP_KEY, zipPackage } from '../src/package-zip';

const files = () => new Map<string, string>([
  ['templates/root-activity-alarm.json', '{"Resources":{}}\n'],
  ['manifest.yaml', 'region: us-east-1\nversion: 2021-03-15\nresources: []\n'],
  ['policies/root-baseline.json', '{"Version":"2012-10-17","Statement":[]}'],
]);

/** Central-directory entries: name, DOS time and date, external attributes. */
function centralDirectory(zip: Uint8Array): { name: string; time: number; date: number; attrs: number }[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const out = [];
  for (let i = 0; i + 46 <= zip.length; i++) {
    if (view.getUint32(i, true) !== 0x02014b50) continue;
    const nameLength = view.getUint16(i + 28, true);
    out.push({
      name: Buffer.from(zip.subarray(i + 46, i + 46 + nameLength)).toString('utf8'),
      time: view.getUint16(i + 12, true),
      date: view.getUint16(i + 14, true),
      attrs: view.getUint32(i + 38, true),
    });
  }
  return out;
}

describe('zipPackage', () => {
  test('puts manifest.yaml at the zip root and every file at its package path, content intact', () => {
    const unzipped = unzipSync(zipPackage(files()));
    expect(Object.keys(unzipped)).toEqual(['manifest.yaml', 'policies/root-baseline.json', 'templates/root-activity-alarm.json']);
    for (const [path, content] of files()) expect(strFromU8(unzipped[path])).toBe(content);
  });

  test('gives the same bytes for the same package, whatever order the files come in', () => {
    const reversed = new Map([...files()].reverse());
    expect(Buffer.from(zipPackage(reversed)).equals(Buffer.from(zipPackage(files())))).toBe(true);
  });

  test('gives different bytes when one character of one file changes', () => {
    const changed = files();
    changed.set('manifest.yaml', changed.get('manifest.yaml')!.replace('us-east-1', 'us-east-2'));
    expect(Buffer.from(zipPackage(changed)).equals(Buffer.from(zipPackage(files())))).toBe(false);
  });

  test('stamps every entry 1980-01-01 00:00 with mode rw-r--r--, in any time zone', () => {
    for (const entry of centralDirectory(zipPackage(files()))) {
      expect(entry.date).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
      expect(entry.time).toBe(0);
      expect((entry.attrs >>> 16).toString(8)).toBe('100644');
    }
  });

  test('rejects a package without manifest.yaml at its root (CfCT fails it in the install phase)', () => {
    const noManifest = files();
    noManifest.delete('manifest.yaml');
    expect(() => zipPackage(noManifest)).toThrow(/no manifest.yaml at its root/);
  });

  test.each(['/etc/passwd', '../outside.json', 'templates/../../x.json', 'templates\\x.json', 'templates//x.json'])('rejects the path %s', (path) => {
    const bad = files();
    bad.set(path, '{}');
    expect(() => zipPackage(bad)).toThrow(`"${path}" is not a relative path inside the package`);
  });

  test('is the key CfCT\'s pipeline is triggered by', () => {
    expect(CFCT_ZIP_KEY).toBe('custom-control-tower-configuration.zip');
  });

  const python = '/usr/bin/python3';
  (existsSync(python) ? test : test.skip)('passes Python\'s zipfile integrity test (an independent zip reader)', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'rg-zip-')), CFCT_ZIP_KEY);
    writeFileSync(file, zipPackage(files()));
    const check = spawnSync(python, ['-c', 'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.testzip(), sorted(z.namelist()))', file], { encoding: 'utf8' });
    expect(check.stderr).toBe('');
    expect(check.stdout.trim()).toBe("None ['manifest.yaml', 'policies/root-baseline.json', 'templates/root-activity-alarm.json']");
  });
});
