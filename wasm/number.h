/* Decimal <-> double conversions small enough for the WASM module (musl's strtod and printf,
 * with their long-double arithmetic, were 40% of it).
 *
 * Exact (correctly rounded, shortest) whenever the decimal form has at most 15 significant digits
 * and a power of ten within 10^±22 — epoch-second timestamps with milliseconds, counts, ordinary
 * event values. Beyond that, conversions may be off in the last bit of the double, which the
 * service's 32-bit float members (eventValue) cannot tell apart. */
#ifndef PW_NUMBER_H
#define PW_NUMBER_H

#include "buf.h"

/* strtod for JSON numbers; cJSON is compiled with -Dstrtod=pw_strtod. */
double pw_strtod(const char *s, char **end);

/* Writes d as JavaScript's Number.prototype.toString would. */
void pw_json_put_number(pw_buf *out, double d);

#endif
