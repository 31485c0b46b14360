/* The JSON writers, byte-identical to JSON.stringify (and so to what the AWS SDKs for JavaScript
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

#endif
