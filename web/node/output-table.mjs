// The AWS CLI's table output (awscli/table.py): sections of headers and rows, boxed, fitted to the
// terminal's width with Python's measure of text width; optionally in colour (colorama's).
import { byCodePoint, escapeControls, isScalar, pyStr } from './output.mjs';

// Python's unicodedata.east_asian_width in 'W', 'F' or 'A' (two columns), as start,length-1 pairs
// in hex; generated once with Python 3.11 (Unicode 14.0), the AWS CLI's measure of text width.
const WIDE = 'a1,0,a4,0,a7,1,aa,0,ad,1,b0,4,b6,4,bc,3,c6,0,d0,0,d7,1,de,3,e6,0,e8,2,ec,1,f0,0,f2,1,f7,3,fc,0,fe,0,101,0,111,0,113,0,11b,0,126,1,12b,0,131,2,138,0,13f,3,144,0,148,3,14d,0,152,1,166,1,16b,0,1ce,0,1d0,0,1d2,0,1d4,0,1d6,0,1d8,0,1da,0,1dc,0,251,0,261,0,2c4,0,2c7,0,2c9,2,2cd,0,2d0,0,2d8,3,2dd,0,2df,0,300,6f,378,1,380,3,38b,0,38d,0,391,18,3b1,10,3c3,6,401,0,410,3f,451,0,530,0,557,1,58b,1,590,0,5c8,7,5eb,3,5f5,a,70e,0,74b,1,7b2,d,7fb,1,82e,1,83f,0,85c,1,85f,0,86b,4,88f,0,892,5,984,0,98d,1,991,1,9a9,0,9b1,0,9b3,2,9ba,1,9c5,1,9c9,1,9cf,7,9d8,3,9de,0,9e4,1,9ff,1,a04,0,a0b,3,a11,1,a29,0,a31,0,a34,0,a37,0,a3a,1,a3d,0,a43,3,a49,1,a4e,2,a52,6,a5d,0,a5f,6,a77,9,a84,0,a8e,0,a92,0,aa9,0,ab1,0,ab4,0,aba,1,ac6,0,aca,0,ace,1,ad1,e,ae4,1,af2,6,b00,0,b04,0,b0d,1,b11,1,b29,0,b31,0,b34,0,b3a,1,b45,1,b49,1,b4e,6,b58,3,b5e,0,b64,1,b78,9,b84,0,b8b,2,b91,0,b96,2,b9b,0,b9d,0,ba0,2,ba5,2,bab,2,bba,3,bc3,2,bc9,0,bce,1,bd1,5,bd8,d,bfb,4,c0d,0,c11,0,c29,0,c3a,1,c45,0,c49,0,c4e,6,c57,0,c5b,1,c5e,1,c64,1,c70,6,c8d,0,c91,0,ca9,0,cb4,0,cba,1,cc5,0,cc9,0,cce,6,cd7,5,cdf,0,ce4,1,cf0,0,cf3,c,d0d,0,d11,0,d45,0,d49,0,d50,3,d64,1,d80,0,d84,0,d97,2,db2,0,dbc,0,dbe,1,dc7,2,dcb,3,dd5,0,dd7,0,de0,5,df0,1,df5,b,e3b,3,e5c,24,e83,0,e85,0,e8b,0,ea4,0,ea6,0,ebe,1,ec5,0,ec7,0,ece,1,eda,1,ee0,1f,f48,0,f6d,3,f98,0,fbd,0,fcd,0,fdb,24,10c6,0,10c8,4,10ce,1,1100,5f,1249,0,124e,1,1257,0,1259,0,125e,1,1289,0,128e,1,12b1,0,12b6,1,12bf,0,12c1,0,12c6,1,12d7,0,1311,0,1316,1,135b,1,137d,2,139a,5,13f6,1,13fe,1,169d,2,16f9,6,1716,8,1737,8,1754,b,176d,0,1771,0,1774,b,17de,1,17ea,5,17fa,5,181a,5,1879,6,18ab,4,18f6,9,191f,0,192c,3,193c,3,1941,2,196e,1,1975,a,19ac,3,19ca,5,19db,2,1a1c,1,1a5f,0,1a7d,1,1a8a,5,1a9a,5,1aae,1,1acf,30,1b4d,2,1b7f,0,1bf4,7,1c38,2,1c4a,2,1c89,6,1cbb,1,1cc8,7,1cfb,4,1f16,1,1f1e,1,1f46,1,1f4e,1,1f58,0,1f5a,0,1f5c,0,1f5e,0,1f7e,1,1fb5,0,1fc5,0,1fd4,1,1fdc,0,1ff0,1,1ff5,0,1fff,0,2010,0,2013,3,2018,1,201c,1,2020,2,2024,3,2030,0,2032,1,2035,0,203b,0,203e,0,2065,0,2072,2,207f,0,2081,3,208f,0,209d,2,20ac,0,20c1,e,20f1,e,2103,0,2105,0,2109,0,2113,0,2116,0,2121,1,2126,0,212b,0,2153,1,215b,3,2160,b,2170,9,2189,0,218c,d,21b8,1,21d2,0,21d4,0,21e7,0,2200,0,2202,1,2207,1,220b,0,220f,0,2211,0,2215,0,221a,0,221d,3,2223,0,2225,0,2227,5,222e,0,2234,3,223c,1,2248,0,224c,0,2252,0,2260,1,2264,3,226a,1,226e,1,2282,1,2286,1,2295,0,2299,0,22a5,0,22bf,0,2312,0,231a,1,2329,1,23e9,3,23f0,0,23f3,0,2427,18,244b,9e,24eb,60,2550,23,2580,f,2592,3,25a0,1,25a3,6,25b2,1,25b6,1,25bc,1,25c0,1,25c6,2,25cb,0,25ce,3,25e2,3,25ef,0,25fd,1,2605,1,2609,0,260e,1,2614,1,261c,0,261e,0,2640,0,2642,0,2648,b,2660,1,2663,2,2667,3,266c,1,266f,0,267f,0,2693,0,269e,1,26a1,0,26aa,1,26bd,2,26c4,1d,26e3,0,26e8,17,2705,0,270a,1,2728,0,273d,0,274c,0,274e,0,2753,2,2757,0,2776,9,2795,2,27b0,0,27bf,0,2b1b,1,2b50,0,2b55,4,2b74,1,2b96,0,2cf4,4,2d26,0,2d28,4,2d2e,1,2d68,6,2d71,d,2d97,8,2da7,0,2daf,0,2db7,0,2dbf,0,2dc7,0,2dcf,0,2dd7,0,2ddf,0,2e5e,1e0,3040,1d7f,4e00,56cf,a62c,13,a6f8,7,a7cb,4,a7d2,0,a7d4,0,a7da,17,a82d,2,a83a,5,a878,7,a8c6,7,a8da,5,a954,a,a960,1f,a9ce,0,a9da,3,a9ff,0,aa37,8,aa4e,1,aa5a,1,aac3,17,aaf7,9,ab07,1,ab0f,1,ab17,8,ab27,0,ab2f,0,ab6c,3,abee,1,abfa,2bb5,d7c7,3,d7fc,3,e000,1aff,fb07,b,fb18,4,fb37,0,fb3d,0,fb3f,0,fb42,0,fb45,0,fbc3,f,fd90,1,fdc8,6,fdd0,1f,fe00,1f,fe30,3f,fe75,0,fefd,1,ff00,60,ffbf,2,ffc8,1,ffd0,1,ffd8,1,ffdd,a,ffef,9,fffd,2,1000c,0,10027,0,1003b,0,1003e,0,1004e,1,1005e,21,100fb,4,10103,3,10134,2,1018f,0,1019d,2,101a1,2e,101fe,81,1029d,2,102d1,e,102fc,3,10324,8,1034b,4,1037b,4,1039e,0,103c4,3,103d6,29,1049e,1,104aa,5,104d4,3,104fc,3,10528,7,10564,a,1057b,0,1058b,0,10593,0,10596,0,105a2,0,105b2,0,105ba,0,105bd,42,10737,8,10756,9,10768,17,10786,0,107b1,0,107bb,44,10806,1,10809,0,10836,0,10839,2,1083d,1,10856,0,1089f,7,108b0,2f,108f3,0,108f6,4,1091c,2,1093a,4,10940,3f,109b8,3,109d0,1,10a04,0,10a07,4,10a14,0,10a18,0,10a36,1,10a3b,3,10a49,6,10a59,6,10aa0,1f,10ae7,3,10af7,8,10b36,2,10b56,1,10b73,4,10b92,6,10b9d,b,10bb0,4f,10c49,36,10cb3,c,10cf3,6,10d28,7,10d3a,125,10e7f,0,10eaa,0,10eae,1,10eb2,4d,10f28,7,10f5a,15,10f8a,25,10fcc,13,10ff7,8,1104e,3,11076,8,110c3,9,110ce,1,110e9,6,110fa,5,11135,0,11148,7,11177,8,111e0,0,111f5,a,11212,0,1123f,40,11287,0,11289,0,1128e,0,1129e,0,112aa,5,112eb,4,112fa,5,11304,0,1130d,1,11311,1,11329,0,11331,0,11334,0,1133a,0,11345,1,11349,1,1134e,1,11351,5,11358,4,11364,1,1136d,2,11375,8a,1145c,0,11462,1d,114c8,7,114da,a5,115b6,1,115de,21,11645,a,1165a,5,1166d,12,116ba,5,116ca,35,1171b,1,1172c,3,11747,b8,1183c,63,118f3,b,11907,1,1190a,1,11914,0,11917,0,11936,0,11939,1,11947,8,1195a,45,119a8,1,119d8,1,119e5,1a,11a48,7,11aa3,c,11af9,106,11c09,0,11c37,0,11c46,9,11c6d,2,11c90,1,11ca8,0,11cb7,48,11d07,0,11d0a,0,11d37,2,11d3b,0,11d3e,0,11d48,7,11d5a,5,11d66,0,11d69,0,11d8f,0,11d92,0,11d99,6,11daa,135,11ef9,b6,11fb1,e,11ff2,c,1239a,65,1246f,0,12475,a,12544,a4b,12ff3,c,1342f,0,13439,fc6,14647,21b8,16a39,6,16a5f,0,16a6a,3,16abf,0,16aca,5,16aee,1,16af6,9,16b46,9,16b5a,0,16b62,0,16b78,4,16b90,2af,16e9b,64,16f4b,3,16f88,6,16fa0,4c5f,1bc6b,4,1bc7d,2,1bc89,6,1bc9a,1,1bca4,125b,1cf2e,1,1cf47,8,1cfc4,3b,1d0f6,9,1d127,1,1d1eb,14,1d246,99,1d2f4,b,1d357,8,1d379,86,1d455,0,1d49d,0,1d4a0,1,1d4a3,1,1d4a7,1,1d4ad,0,1d4ba,0,1d4bc,0,1d4c4,0,1d506,0,1d50b,1,1d515,0,1d51d,0,1d53a,0,1d53f,0,1d545,0,1d547,2,1d551,0,1d6a6,1,1d7cc,1,1da8c,e,1daa0,0,1dab0,44f,1df1f,e0,1e007,0,1e019,1,1e022,0,1e025,0,1e02b,d4,1e12d,2,1e13e,1,1e14a,3,1e150,13f,1e2af,10,1e2fa,4,1e300,4df,1e7e7,0,1e7ec,0,1e7ef,0,1e7ff,0,1e8c5,1,1e8d7,28,1e94c,3,1e95a,3,1e960,310,1ecb5,4b,1ed3e,c1,1ee04,0,1ee20,0,1ee23,0,1ee25,1,1ee28,0,1ee33,0,1ee38,0,1ee3a,0,1ee3c,5,1ee43,3,1ee48,0,1ee4a,0,1ee4c,0,1ee50,0,1ee53,0,1ee55,1,1ee58,0,1ee5a,0,1ee5c,0,1ee5e,0,1ee60,0,1ee63,0,1ee65,1,1ee6b,0,1ee73,0,1ee78,0,1ee7d,0,1ee7f,0,1ee8a,0,1ee9c,4,1eea4,0,1eeaa,0,1eebc,33,1eef2,10d,1f004,0,1f02c,3,1f094,b,1f0af,1,1f0c0,0,1f0cf,1,1f0f6,14,1f110,1d,1f130,39,1f170,3c,1f1ae,37,1f200,120,1f32d,8,1f337,45,1f37e,15,1f3a0,2a,1f3cf,4,1f3e0,10,1f3f4,0,1f3f8,46,1f440,0,1f442,ba,1f4ff,3e,1f54b,3,1f550,17,1f57a,0,1f595,1,1f5a4,0,1f5fb,54,1f680,45,1f6cc,0,1f6d0,2,1f6d5,a,1f6eb,4,1f6f4,b,1f774,b,1f7d9,26,1f80c,3,1f848,7,1f85a,5,1f888,7,1f8ae,1,1f8b2,4d,1f90c,2e,1f93c,9,1f947,b8,1fa54,b,1fa6e,91,1fb93,0,1fbcb,24,1fbfa,c0406,e0002,1d,e0080,2ff7f';
let wideRanges;
function isWide(cp) {
  wideRanges ??= WIDE.split(',').map((h) => parseInt(h, 16));
  let lo = 0;
  let hi = wideRanges.length / 2 - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const start = wideRanges[2 * mid];
    if (cp < start) hi = mid - 1;
    else if (cp > start + wideRanges[2 * mid + 1]) lo = mid + 1;
    else return true;
  }
  return false;
}
const textLength = (text) => {
  let n = 0;
  for (const c of String(text)) n += isWide(c.codePointAt(0)) ? 2 : 1;
  return n;
};
/** Python 3's round(): halves to even. */
const roundHalfEven = (x) => {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
};

const PLAIN_STYLE = { title: (t) => t, header: (t) => t, element: (t) => t, indent: (t) => t };
// colorama's Style.BRIGHT + Fore.BLUE ... RESET_ALL, and Style.DIM + Fore.YELLOW for the borders.
const COLOR_STYLE = {
  title: (t) => t, header: (t) => t,
  element: (t) => `\u001b[1m\u001b[34m${t}\u001b[0m`,
  indent: (t) => `\u001b[2m\u001b[33m${t}\u001b[0m`,
};

class Section {
  constructor(title = '', indentLevel = 0) {
    this.title = title;
    this.indentLevel = indentLevel;
    this.headers = [];
    this.rows = [];
    this.columns = undefined;
    this.maxWidths = [];
  }

  widths(padding = 0, maxWidth) {
    const unscaled = this.maxWidths.map((w) => w + padding);
    if (maxWidth === undefined || unscaled.length === 0) return unscaled;
    const factor = maxWidth / unscaled.reduce((a, b) => a + b, 0);
    const scaled = unscaled.map((w) => roundHalfEven(factor * w));
    let off = scaled.reduce((a, b) => a + b, 0) - maxWidth;
    while (off !== 0) {
      const order = [...scaled.keys()];
      if (off < 0) order.reverse();
      for (const i of order) {
        if (off > 0) { scaled[i] -= 1; off -= 1; } else { scaled[i] += 1; off += 1; }
        if (off === 0) break;
      }
    }
    return scaled;
  }

  totalWidth(padding, outer) {
    const total = this.widths().reduce((sum, w) => sum + w + padding, 0) + 2 + 2 * outer;
    return Math.max(textLength(this.title) + 2 + 2 * outer, total);
  }

  addHeader(headers) {
    this.updateWidths(headers);
    this.columns ??= headers.length;
    this.headers = headers;
  }

  addRow(row) {
    this.columns ??= row.length;
    const cells = row.map((v) => escapeControls(pyStr(v)));
    this.rows.push(cells);
    this.updateWidths(cells);
  }

  updateWidths(row) {
    if (this.maxWidths.length === 0) this.maxWidths = row.map(textLength);
    else row.forEach((el, i) => { this.maxWidths[i] = Math.max(textLength(el), this.maxWidths[i] ?? 0); });
  }
}

function centerText(text, length, textLen = textLength(text), leftEdge = '|') {
  const start = Math.floor(length / 2) - Math.floor(textLen / 2) - 1;
  const soFar = leftEdge.length + start + textLen;
  return `${leftEdge}${' '.repeat(Math.max(0, start))}${text}${' '.repeat(Math.max(0, length - 1 - soFar))}|`;
}

function alignLeft(text, length, leftEdge, textLen) {
  const padding = length - (textLen + 2 + leftEdge.length + 1) >= 0 ? 2 : 0;
  const soFar = leftEdge.length + padding + textLen;
  return `${leftEdge}${' '.repeat(padding)}${text}${' '.repeat(Math.max(0, length - soFar - 1))}|`;
}

/** The scalar members of obj (sorted), and the others (sorted). */
function groupKeys(obj) {
  const headers = [];
  const more = [];
  for (const k of Object.keys(obj)) (isScalar(obj[k]) ? headers : more).push(k);
  return [headers.sort(byCodePoint), more.sort(byCodePoint)];
}

/** The sections of a table, as awscli's MultiTable builds them from the data. */
class TableBuilder {
  constructor() {
    /** @type {Section[]} */
    this.sections = [];
    /** @type {any} the section rows go to (a Section once build() starts one) */
    this.current = undefined;
  }

  newSection(title, indent) {
    this.current = new Section(title, indent);
    this.sections.push(this.current);
  }

  /** Adds value (a new section titled t, when given); false when there is nothing to show. */
  build(t, value, indent = 0) {
    if (value === null || value === undefined || value === false || value === 0 || value === '') return false;
    if (Array.isArray(value) && value.length === 0) return false;
    if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return false;
    if (t !== undefined) this.newSection(t, indent);
    if (Array.isArray(value)) {
      if (value[0] && typeof value[0] === 'object' && !Array.isArray(value[0])) {
        this.fromList(value, indent, t);
      } else {
        for (const item of value) {
          if (isScalar(item)) this.current.addRow([item]);
          else if (Array.isArray(item) && item.every(isScalar)) this.current.addRow(item);
          else this.build(undefined, item);
        }
      }
    } else if (typeof value === 'object') {
      this.fromDict(value, indent);
    } else {
      return false;
    }
    return true;
  }

  fromDict(obj, indent) {
    const [headers, more] = groupKeys(obj);
    if (headers.length === 1) this.current.addRow([headers[0], obj[headers[0]]]);
    else if (headers.length) {
      this.current.addHeader(headers);
      this.current.addRow(headers.map((k) => obj[k]));
    }
    for (const k of more) this.build(k, obj[k], indent + 1);
  }

  fromList(items, indent, t) {
    const headerSet = new Set();
    const moreSet = new Set();
    for (const item of items) {
      const [h, m] = groupKeys(item);
      h.forEach((k) => headerSet.add(k));
      m.forEach((k) => moreSet.add(k));
    }
    const headers = [...headerSet].sort(byCodePoint);
    const more = [...moreSet].sort(byCodePoint);
    this.current.addHeader(headers);
    let first = true;
    for (const item of items) {
      if (!first && more.length) {
        this.newSection(t, indent);
        this.current.addHeader(headers);
      }
      first = false;
      this.current.addRow(headers.map((k) => (k in item ? item[k] : '')));
      for (const k of more) if (k in item) this.build(k, item[k], indent + 1);
    }
  }
}

/** The table's width; when wider than the terminal, single-row sections turn two-column (key, value) first. */
function fitSections(sections, terminalWidth) {
  const maxWidth = () => Math.max(...sections.map((s) => s.totalWidth(4, s.indentLevel)));
  const width = maxWidth();
  if (width <= terminalWidth) return width;
  sections.forEach((s, i) => {
    if (s.rows.length !== 1 || s.headers.length === 0) return;
    const vertical = new Section(s.title, s.indentLevel);
    s.headers.forEach((h, k) => vertical.addRow([h, s.rows[0][k]]));
    sections[i] = vertical;
  });
  return maxWidth();
}

/** One section's lines (title, headers, rows), each written through line(). */
function renderSection(s, w, style, line) {
  const lineBreak = (widths) => line(widths.map((cw, i) => (i === 0 ? `+${'-'.repeat(cw - 2)}+` : `${'-'.repeat(cw - 1)}+`)).join(''));
  if (s.title) {
    line(centerText(style.title(escapeControls(s.title)), w, textLength(escapeControls(s.title))));
    if (!s.headers.length && !s.rows.length) line(`+${'-'.repeat(w - 2)}+`);
  }
  if (s.headers.length) {
    const widths = s.widths(4, w);
    lineBreak(widths);
    line(widths.map((cw, i) => {
      const header = escapeControls(s.headers[i]);
      return centerText(style.header(header), cw, textLength(header), i === 0 ? '|' : '');
    }).join(''));
  }
  if (s.rows.length) {
    const widths = s.widths(4, w);
    if (widths.length) {
      lineBreak(widths);
      for (const row of s.rows) {
        line(widths.map((cw, i) => alignLeft(style.element(row[i] ?? ''), cw, i === 0 ? '|' : '', textLength(row[i] ?? ''))).join(''));
      }
      lineBreak(widths);
    }
  }
}

/** The AWS CLI's table output for data (after --query), titled by the operation's name. */
export function formatTable(data, title, { color = false, terminalWidth = 80 } = {}) {
  const style = color ? COLOR_STYLE : PLAIN_STYLE;
  const builder = new TableBuilder();
  if (!builder.build(title, data)) return '';
  const { sections } = builder;
  const width = fitSections(sections, terminalWidth);
  // With colour, colorama (autoreset) ends every write to stdout with a reset; so does this.
  const out = [];
  const write = (text) => out.push(color ? `${text}\u001b[0m` : text);
  write(`${'-'.repeat(width)}\n`);
  for (const s of sections) {
    const bar = style.indent('|').repeat(s.indentLevel);
    const line = (text) => { write(bar); write(text); write(bar); write('\n'); };
    renderSection(s, width - s.indentLevel * 2, style, line);
  }
  return out.join('');
}
