/* Request payloads by shape, byte-identical to what the AWS SDKs for JavaScript send (the
 * writers they use: json.h). */
#ifndef PW_PAYLOAD_H
#define PW_PAYLOAD_H

#include "buf.h"
#include "cJSON.h"
#include "json.h"
#include "shape.h"

/* Writes the members of a validated input that the shape knows, in the model's order; absent
 * and null members are left out; JSON-object members given as objects become strings. */
void pw_payload_build(pw_buf *out, const struct pw_shape *shape, const cJSON *input);

#endif
