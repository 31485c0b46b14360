/* The model's shapes as C tables: what validation (validate.h) and payloads (payload.h) walk.
 * The tables themselves are generated from wasm/model.json (wasm/gen_model.mjs ->
 * build/gen/model_tables.h, included by operations.c only). */
#ifndef PW_SHAPE_H
#define PW_SHAPE_H

#include <stdint.h>

enum pw_type {
	PW_T_STRING,
	PW_T_INTEGER,
	PW_T_DOUBLE,
	PW_T_TIMESTAMP,   /* epoch seconds; the glue turns a Date into seconds */
	PW_T_JSON_OBJECT, /* a string holding a JSON object, or an object serialized to one
	                   * (the model's jsonObjectOrString client rule) */
	PW_T_LIST,
	PW_T_STRUCT
};

/* The hand-written pattern checkers (validate.c), each with the model's pattern it implements,
 * exactly as model.json spells it. gen_model.mjs reads this list: a shape whose pattern is not
 * here fails the build. */
#define PW_PATTERNS(X) \
	X(PW_P_NAME, "^[a-zA-Z0-9][a-zA-Z0-9\\-_]*") \
	X(PW_P_ARN, "arn:([a-z\\d-]+):personalize:.*:.*:.+") \
	X(PW_P_TAG, "^([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)$") \
	X(PW_P_ASCII, "\\p{ASCII}{0,1500}") \
	X(PW_P_PRINTABLE, "^[\\x20-\\x7E]*[\\x21-\\x7E]+[\\x20-\\x7E]*$") \
	X(PW_P_ROLE_ARN, "arn:([a-z\\d-]+):iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+") \
	X(PW_P_KMS_ARN, "arn:aws.*:kms:.*:[0-9]{12}:key/.*")

#define PW_PATTERN_ENUMERATOR(id, pattern) id,
enum pw_pattern {
	PW_P_NONE,
	PW_PATTERNS(PW_PATTERN_ENUMERATOR)
	PW_P_COUNT
};
#undef PW_PATTERN_ENUMERATOR

/* Client rules and traits, from the model's additions and botocore's traits. */
#define PW_F_NO_AWS_PREFIX 1u /* noAwsPrefix: AWS reserves "aws:" (any case) in tag keys and values */
#define PW_F_UNIQUE_KEYS 2u   /* uniqueTagKeys: a list whose items' keys (the item itself, or a
                               * structure item's first member) may not repeat */
#define PW_F_SENSITIVE 4u     /* sensitive: the value is never shown (no message quotes any value) */

struct pw_member;

struct pw_shape {
	uint8_t type;        /* enum pw_type */
	uint8_t pattern;     /* enum pw_pattern */
	uint8_t flags;       /* PW_F_* */
	uint8_t n_members;   /* structure: members */
	uint8_t n_values;    /* string: how many enum values; 0: any value */
	int32_t min, max;    /* string: code points; list: items; integer: value (INT32_MAX: no max) */
	union {              /* by type: */
		const struct pw_member *members; /* structure */
		const struct pw_shape *item;     /* list: the items' shape */
		const char *values;  /* string with n_values: the values, each NUL-terminated, in a row */
	};
	const char *name;    /* structure: the model's shape name, for messages about unknown members */
};

struct pw_member {
	const char *name;
	const struct pw_shape *shape;
	int required;
};

#endif
