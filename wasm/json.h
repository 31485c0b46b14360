/* The JSON writers and the reader. The writers are byte-identical to JSON.stringify (and so to what the AWS SDKs for JavaScript
 * send): strings and any cJSON value here; a number is the text the reader found (what the glue
 * gives is JSON.stringify's), never printed back from a double. */
#ifndef PW_JSON_H
#define PW_JSON_H

#include <stddef.h>

#include "buf.h"
#include "cJSON.h"
#include "number.h"

/* Appends src (len bytes) as a JSON string literal, quotes included. */
void pw_buf_put_json_string(pw_buf *b, const char *src, size_t len);
/* Writes any JSON value compactly, as JSON.stringify would. */
void pw_json_put_value(pw_buf *out, const cJSON *v);

/* Reads text (len bytes) as JSON.parse reads it, into a cJSON tree that cJSON_Delete or
 * pw_json_delete_wiped frees: NULL unless it is exactly one JSON value, with whitespace around it
 * and a UTF-8 BOM before it allowed. Stricter than cJSON's parser (no control characters in
 * strings or as whitespace, \u only with four hex digits, nothing after the value), so what passes
 * here JavaScript can read too; like it, a \u escape of a lone surrogate is refused, and nesting
 * stops at 1,000 levels. Bytes that are not UTF-8 are kept as they are (validation names them).
 * Strings end at their first NUL (a \u0000); valueint is not set. */
cJSON *pw_json_parse(const char *text, size_t len);
/* pw_json_parse for caller input (which may hold tag values and other sensitive members): a \u
 * escape of a lone surrogate is read as PW_SURROGATE_MARK and \u0000 as PW_NUL_MARK (validate.h),
 * so that the validator names the field. */
cJSON *pw_json_parse_input(const char *text, size_t len);
/* A top-level member pw_json_scan_object looks for: name (name_len bytes) in; out, for the first
 * member of that name (as cJSON's lookup finds it), its value's text (value NULL when absent) and
 * whether that is a string. */
struct pw_json_member {
	const char *name;
	size_t name_len;
	const char *value;
	size_t value_len;
	int is_string;
};
/* 1 when text is exactly one JSON value that pw_json_parse would read, and an object; nothing is
 * built. The wanted top-level members are found on the way (keys compared as the
 * tree would hold them: unescaped, up to a NUL). */
int pw_json_scan_object(const char *text, size_t len, struct pw_json_member *wanted, size_t n_wanted);
/* Appends a scanned string value (value and len as found, quotes included), unescaped, up to its
 * first NUL: what the tree's valuestring would hold. */
void pw_json_put_unescaped(pw_buf *out, const char *value, size_t len);

/* Wipes every key and string of the tree, then frees it (cJSON frees without clearing). */
void pw_json_delete_wiped(cJSON *v);

#endif
