// --max-items, --page-size and --starting-token over the client's paginators, as botocore's
// PageIterator does them: the pages come from the library (client.paginate*, which bounds them);
// this cuts them at --max-items and makes the NextToken that resumes there.
import { pyJsonDumps } from './output.mjs';

// The AWS CLI's NextToken: base64 of Python's json.dumps of {"nextToken": ..., "boto_truncate_amount": n}.
function encodeToken(token) {
  return Buffer.from(pyJsonDumps(token)).toString('base64');
}

/** A --starting-token: one of ours or the AWS CLI's ({ token, skip }), else the service's own token. */
export function decodeToken(text) {
  try {
    const bytes = Buffer.from(text, 'base64');
    const decoded = JSON.parse(bytes.toString('utf8'));
    if (decoded && typeof decoded === 'object' && !Array.isArray(decoded) && bytes.toString('base64').replace(/=+$/, '') === text.replace(/=+$/, '')) {
      const { boto_truncate_amount: skip, ...token } = decoded;
      return { token, skip: Number.isInteger(skip) && skip > 0 ? skip : 0 };
    }
  } catch {
    // not base64 JSON: the service's own token, as botocore's fallback takes it
  }
  return { token: { nextToken: text }, skip: 0 };
}

/**
 * All pages of a list command, cut at --max-items as botocore cuts them: the token that resumes is
 * the one that asked for the cut page plus how many of its items were printed (boto_truncate_amount).
 * The glue's paginator bounds the pages (DEFAULT_MAX_PAGES, a repeated token).
 */
export async function paginateAll(client, spec, input, { maxItems, pageSize, startingToken }, options) {
  const start = startingToken !== undefined ? decodeToken(startingToken) : undefined;
  let nextToken = start ? start.token : { nextToken: null };
  const request = { ...input };
  if (start) {
    if (nextToken.nextToken !== null && nextToken.nextToken !== undefined && nextToken.nextToken !== 'None') request.nextToken = nextToken.nextToken;
    else delete request.nextToken;
  }
  if (pageSize !== undefined) request.maxResults = pageSize;
  const key = spec.resultKey;
  const pages = [];
  const full = {};
  let resumeToken;
  let total = 0;
  let first = true;
  for await (const page of client[spec.paginator](request, options)) {
    let skipped = 0;
    if (first && start) {
      skipped = start.skip;
      page[key] = Array.isArray(page[key]) ? page[key].slice(skipped) : null;
    }
    first = false;
    const items = page[key] ?? [];
    const over = maxItems !== undefined ? total + items.length - maxItems : 0;
    pages.push(page);
    if (over > 0) {
      const keep = items.length - over;
      page[key] = items.slice(0, keep);
      delete nextToken.boto_truncate_amount;
      resumeToken = { ...nextToken, boto_truncate_amount: keep + skipped };
    }
    if (page[key] !== null && page[key] !== undefined) full[key] = [...(full[key] ?? []), ...page[key]];
    if (resumeToken) break;
    total += items.length;
    nextToken = { nextToken: page.nextToken || null };
    if (!page.nextToken) break;
    if (maxItems !== undefined && total === maxItems) {
      resumeToken = nextToken;
      break;
    }
  }
  const encoded = resumeToken ? encodeToken(resumeToken) : undefined;
  if (encoded !== undefined) full.NextToken = encoded;
  return { pages, full, resumeToken: encoded, resultKey: key };
}
