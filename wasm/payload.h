/* JSON writers: any value, and request payloads by shape, byte-identical to what the AWS SDKs
 * for JavaScript send. (Strings: pw_buf_put_json_string, buf.h; numbers: pw_json_put_number,
 * number.h.) */
#ifndef PW_PAYLOAD_H
#define PW_PAYLOAD_H

#include "buf.h"
#include "cJSON.h"
#include "number.h"
#include "shape.h"

/* Writes any JSON value compactly, as JSON.stringify would. */
void pw_json_put_value(pw_buf *out, const cJSON *v);
/* Writes the members of a validated input that the shape knows, in the model's order; absent
 * and null members are left out; JSON-object members given as objects become strings. */
void pw_payload_build(pw_buf *out, const struct pw_shape *shape, const cJSON *input);

#endif
