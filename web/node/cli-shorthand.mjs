// The AWS CLI's shorthand syntax for structure parameters: key=value,key2=[a,b],key3={k=v}.
import { paramError } from './cli-errors.mjs';

/**
 * AWS CLI shorthand: key=value,key2=value2 with values that may be [a,b] lists, {k=v} structures,
 * or "quoted"/'quoted' strings. Values are coerced by the shape (numbers for floats).
 */
export function parseShorthand(flag, text, shape = {}) {
  let i = 0;
  const fail = (why) => {
    throw paramError(`Error parsing parameter '${flag}': ${why}, received: ${text}`);
  };
  const skipSpaces = () => {
    while (text[i] === ' ') i++;
  };
  function value(stops) {
    skipSpaces();
    if (text[i] === '[') {
      i++;
      const list = [];
      skipSpaces();
      if (text[i] === ']') return i++, list;
      for (;;) {
        list.push(value(',]'));
        skipSpaces();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return i++, list;
        else fail('Expected "," or "]"');
      }
    }
    if (text[i] === '{') {
      i++;
      const obj = struct('}');
      if (text[i] !== '}') fail('Expected "}"');
      i++;
      return obj;
    }
    if (text[i] === '"' || text[i] === "'") {
      const quote = text[i++];
      let s = '';
      while (i < text.length && text[i] !== quote) {
        if (text[i] === '\\' && i + 1 < text.length) i++;
        s += text[i++];
      }
      if (text[i] !== quote) fail('Unterminated quoted string');
      i++;
      return s;
    }
    let s = '';
    while (i < text.length && !stops.includes(text[i])) s += text[i++];
    return s.trim();
  }
  function struct(end) {
    const obj = {};
    for (;;) {
      skipSpaces();
      const eq = text.indexOf('=', i);
      if (eq < 0) fail('Expected: "=", key=value');
      const key = text.slice(i, eq).trim();
      if (!key || /[,{}[\]]/.test(key)) fail(`Expected: "=", key=value`);
      i = eq + 1;
      obj[key] = value(`,${end}`);
      skipSpaces();
      if (text[i] === ',') i++;
      else break;
    }
    return obj;
  }
  const out = struct('');
  if (i < text.length) fail(`Unexpected "${text[i]}"`);
  return coerce(out, shape);
}

function coerce(value, shape) {
  if (shape === 'float' && typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
  if (Array.isArray(shape) && Array.isArray(value)) return value.map((v) => coerce(v, shape[0]));
  if (shape && typeof shape === 'object' && !Array.isArray(shape) && value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, coerce(v, shape[k])]));
  }
  return value;
}
