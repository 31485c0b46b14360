/* Validation of operation input against the service model's constraints.
 *
 * Shapes are static tables (see operations.c). Every problem is reported, each as
 * {"field": "tags[3].tagKey", "message": "..."}; messages never quote the value, since some
 * members (tag values, user ids) are sensitive. */
#ifndef PW_VALIDATE_H
#define PW_VALIDATE_H

#include <stddef.h>
#include <stdint.h>

#include "buf.h"
#include "cJSON.h"

enum pw_type {
	PW_T_STRING,
	PW_T_INTEGER,
	PW_T_DOUBLE,
	PW_T_TIMESTAMP,   /* epoch seconds; the glue turns a Date into seconds */
	PW_T_JSON_OBJECT, /* a string holding a JSON object, or an object serialized to one */
	PW_T_LIST,
	PW_T_STRUCT
};

enum pw_pattern {
	PW_P_NONE,
	PW_P_NAME,        /* ^[a-zA-Z0-9][a-zA-Z0-9\-_]* */
	PW_P_ARN,         /* arn:([a-z\d-]+):personalize:.*:.*:.+ */
	PW_P_TAG,         /* ^([\p{L}\p{Z}\p{N}_.:/=+\-@]*)$ */
	PW_P_ASCII,       /* \p{ASCII}* */
	PW_P_PRINTABLE,   /* printable ASCII, not only spaces */
	PW_P_ROLE_ARN,    /* arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+ */
	PW_P_KMS_ARN,     /* arn:aws.*:kms:.*:[0-9]{12}:key/.* */
	PW_P_DOMAIN       /* ECOMMERCE | VIDEO_ON_DEMAND */
};

#define PW_F_NO_AWS_PREFIX 1u /* AWS reserves "aws:" (any case) in tag keys and values */

struct pw_member;

struct pw_shape {
	uint8_t type;        /* enum pw_type */
	uint8_t pattern;     /* enum pw_pattern */
	uint8_t flags;
	uint8_t n_members;
	int32_t min, max;    /* string: code points; list: items; integer: value */
	const struct pw_member *members;
	const struct pw_shape *item;
	const char *name;    /* the model's shape name, for messages about unknown members */
};

struct pw_member {
	const char *name;
	const struct pw_shape *shape;
	int required;
};

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

/* Replaces JSON \u escapes of lone UTF-16 surrogates (which JSON.stringify emits for malformed
 * JS strings) and of NUL (which would cut a C string short) with one byte that is never valid
 * UTF-8, so validation rejects the value with its field named. In place; returns the new length. */
#define PW_SURROGATE_MARK 0xFF
#define PW_NUL_MARK 0xFE
size_t pw_json_mark_lone_surrogates(char *text, size_t len);

#endif
