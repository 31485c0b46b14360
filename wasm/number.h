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

/* Reads the JSON number at the start of s (len bytes) into *out; returns its length in bytes, or 0
 * when s does not start with one. */
size_t pw_json_number(const char *s, size_t len, double *out);

/* Writes d as JavaScript's Number.prototype.toString would. */
void pw_json_put_number(pw_buf *out, double d);

#endif
