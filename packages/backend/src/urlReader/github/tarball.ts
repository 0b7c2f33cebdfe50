import { gunzipSync } from 'node:zlib';
import { InputError } from '../../api/errors.js';

export interface TarFile {
  /** Path inside the archive, forward slashes, without the archive's top folder. */
  path: string;
  content: Buffer;
}

const BLOCK = 512;

/**
 * Reads the regular files of a gzipped tarball as GitHub's archive API produces it (ustar with pax
 * headers, everything under one `<owner>-<repo>-<sha>/` folder). Only files under `folder` (relative
 * to that top folder) are kept, with paths relative to it. Links, devices and folders are skipped:
 * the tree is data, and a link could point outside it.
 */
export function extractTarball(gzipped: Buffer, folder: string, maxBytes: number): TarFile[] {
  const tar = gunzipSync(gzipped, { maxOutputLength: maxBytes });
  const prefix = folder === '' ? '' : `${folder.replace(/\/+$/, '')}/`;
  const files: TarFile[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + BLOCK <= tar.length) {
    const header = tar.subarray(offset, offset + BLOCK);
    if (header.every((byte) => byte === 0)) break; // end-of-archive marker
    const size = parseOctal(header.subarray(124, 136));
    const type = String.fromCharCode(header[156] ?? 0);
    const body = tar.subarray(offset + BLOCK, offset + BLOCK + size);
    if (body.length < size) throw new InputError('The GitHub archive is truncated');
    offset += BLOCK + Math.ceil(size / BLOCK) * BLOCK;

    if (type === 'x') {
      longName = paxPath(body) ?? longName; // applies to the next entry only
      continue;
    }
    if (type === 'L') {
      longName = body.toString('utf8').replace(/\0+$/, '');
      continue;
    }
    if (type === 'g') continue; // global header: GitHub stores the commit sha there as a comment
    const name = longName ?? ustarName(header);
    longName = undefined;
    if (type !== '0' && type !== '\0' && type !== '7') continue;
    const inRepo = name.split('/').slice(1).join('/'); // drop `<owner>-<repo>-<sha>/`
    if (!inRepo.startsWith(prefix) || inRepo.split('/').some((segment) => segment === '..')) continue;
    files.push({ path: inRepo.slice(prefix.length), content: Buffer.from(body) });
  }
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function ustarName(header: Buffer): string {
  const name = cString(header.subarray(0, 100));
  const isUstar = header.subarray(257, 262).toString('latin1') === 'ustar';
  const prefix = isUstar ? cString(header.subarray(345, 500)) : '';
  return prefix ? `${prefix}/${name}` : name;
}

function cString(bytes: Buffer): string {
  const end = bytes.indexOf(0);
  return bytes.subarray(0, end < 0 ? bytes.length : end).toString('utf8');
}

function parseOctal(bytes: Buffer): number {
  const text = cString(bytes).trim();
  return text === '' ? 0 : parseInt(text, 8);
}

/** Pax records are `<length> <key>=<value>\n`; only `path` matters here. */
function paxPath(body: Buffer): string | undefined {
  let offset = 0;
  let path: string | undefined;
  while (offset < body.length) {
    const space = body.indexOf(0x20, offset);
    if (space < 0) break;
    const length = parseInt(body.subarray(offset, space).toString('latin1'), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = body.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (record.slice(0, equals) === 'path') path = record.slice(equals + 1);
    offset += length;
  }
  return path;
}
