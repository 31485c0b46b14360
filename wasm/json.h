/* The JSON writers and the input reader. The writers are byte-identical to JSON.stringify (and so to what the AWS SDKs for JavaScript
 * send): strings and any cJSON value here; numbers are pw_json_put_number (number.h), with the
 * number formatting they need. */
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

/* Parses caller input (len bytes, which may hold tag values and other sensitive members; lone
 * surrogate escapes are marked so that the validator can name them). NULL text or bad JSON: NULL. */
cJSON *pw_json_parse_input(char *text, size_t len);
/* Wipes every key and string of the tree, then frees it (cJSON frees without clearing). */
void pw_json_delete_wiped(cJSON *v);

#endif
