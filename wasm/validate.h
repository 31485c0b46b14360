/* Validation of operation input against the service model's constraints (shape.h: tables
 * generated from wasm/model.json). Every problem is reported, each as
 * {"field": "tags[3].tagKey", "message": "..."}; messages are templates filled from the model and
 * never quote the value, since some members (tag keys and values, user ids) are sensitive. */
#ifndef PW_VALIDATE_H
#define PW_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cJSON.h"
#include "shape.h"

typedef struct {
	pw_buf json;   /* the errors as JSON array elements, comma-separated, no brackets */
	unsigned count;
	pw_buf path;   /* the field being checked, e.g. "tags[3].tagKey" */
} pw_errors;

void pw_errors_init(pw_errors *e);
void pw_errors_free(pw_errors *e);
/* Records a problem with the field at e->path (or field, when not NULL). */
void pw_errors_add(pw_errors *e, const char *field, const char *message);

/* Checks value (may be NULL: absent) against a struct shape; returns the number of problems. */
unsigned pw_validate_input(const struct pw_shape *shape, const cJSON *value, pw_errors *e);

/* Single rules, exposed for unit tests. Each returns 1 when s (UTF-8, len bytes) satisfies it. */
int pw_match_pattern(enum pw_pattern p, const char *s, size_t len);
int pw_has_aws_prefix(const char *s, size_t len);
/* A pattern's rule in plain words, for its message (patterns.c). */
const char *pw_pattern_rule(enum pw_pattern p);

/* What pw_json_parse_input (json.h) reads a JSON \u escape of a lone UTF-16 surrogate (which
 * JSON.stringify writes for a malformed JS string) and of NUL (which would cut a C string short)
 * as: a byte that is never valid UTF-8, so validation rejects the value with its field named. */
#define PW_SURROGATE_MARK 0xFF
#define PW_NUL_MARK 0xFE

#endif
