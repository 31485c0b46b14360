// What a command prints: --query (JMESPath) applied, then the --output format, page by page where
// the AWS CLI prints pages.
import jmespath from 'jmespath';
import { paramError } from './cli-errors.mjs';
import { formatJson, formatText, formatYaml, plain } from './output.mjs';
import { formatTable } from './output-table.mjs';

/** --query, compiled once (jmespath, the reference JavaScript implementation of JMESPath). */
export function compileQuery(expression) {
  if (expression === undefined) return undefined;
  try {
    jmespath.compile(expression);
  } catch (err) {
    throw paramError(`Bad value for --query ${expression}: Invalid jmespath expression: ${err.message}`);
  }
  return (data) => jmespath.search(data, expression);
}

/**
 * The AWS CLI's formatter (awscli/formatter.py) for one result: json, yaml and table print the
 * whole result after --query; text and yaml-stream print a paginated result page by page.
 * result: { data } or, for an all-pages list command, { pages, full, resumeToken, resultKey }.
 */
export function render(result, { output, query, title, color, timestampFormat }) {
  const apply = (data) => (query ? query(data) : data);
  const isEmpty = (data) => !!data && typeof data === 'object' && !Array.isArray(data) && Object.keys(data).length === 0;
  if (output === 'text') {
    // Like the AWS CLI: --query applies to each page, and to the NextToken section after them.
    if (!result.pages) return formatText(apply(plain(result.data, timestampFormat)));
    let out = result.pages.map((page) => formatText(apply({ [result.resultKey]: plain(page[result.resultKey] ?? null, timestampFormat) }))).join('');
    if (result.resumeToken !== undefined) out += formatText(apply({ NextToken: { NextToken: result.resumeToken } }));
    return out;
  }
  if (output === 'yaml-stream') {
    const pages = result.pages ? result.pages.map((page) => apply(plain(page, timestampFormat))) : [apply(plain(result.data, timestampFormat))];
    if (!result.pages && isEmpty(pages[0])) return ''; // an operation without output prints nothing
    return pages.map((page) => formatYaml([page])).join('');
  }
  const data = apply(plain(result.pages ? result.full : result.data, timestampFormat));
  if (output === 'table') return formatTable(data, title, { color, terminalWidth: process.stdout.isTTY ? process.stdout.columns || 80 : 80 });
  // An operation without output (DeleteEventTracker) prints nothing, as does a query giving {}.
  if (isEmpty(data)) return '';
  return output === 'yaml' ? formatYaml(data) : formatJson(data);
}
