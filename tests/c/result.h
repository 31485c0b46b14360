/* Test-side reading of the module's results (wasm_exports.h): a result's fields as strings or
 * cJSON, for assertions, and packed arguments written as the glue writes them. Nothing here
 * prepares, signs or examines: that is the exports' work. */
#ifndef PW_TEST_RESULT_H
#define PW_TEST_RESULT_H

#include <stddef.h>

#include "cJSON.h"
#include "wasm_exports.h"

/* Field i as a new NUL-terminated string (free()); NULL for a NULL result. */
char *pw_test_field(const struct pw_result *r, int i);
/* 1 when field i holds exactly s. */
int pw_test_field_is(const struct pw_result *r, int i, const char *s);
/* Field i parsed as JSON (cJSON_Delete), or NULL. */
cJSON *pw_test_field_json(const struct pw_result *r, int i);
/* PW_SIGN_HEADERS's header list (each name and value a line, \\ and \n escaped) as
 * [[name, value]...] (cJSON_Delete), or NULL when r is NULL or the list is malformed. */
cJSON *pw_test_header_list(const struct pw_result *r);
/* The whole result as one JSON text (free()): {"status":N,"f":["...",...]} ("NULL" for none); the
 * handle is left out (it differs between runs). For comparing runs. */
char *pw_test_render(const struct pw_result *r);

/* Packs n strings (NULL: length 0) into out as u32 LE length + bytes each; returns the length.
 * out must hold them all. */
size_t pw_test_pack(char *out, const char *const *strings, size_t n);
/* Appends a header in pw_sign_request's packed form (its name, then its value); returns the bytes written. */
size_t pw_test_put_header(char *out, const char *name, const char *value);

/* The value of header name in a [[name, value]...] list; *count: how many have that name. */
const char *pw_test_header_value(const cJSON *list, const char *name, int *count);

#endif
