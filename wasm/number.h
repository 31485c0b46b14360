/* Decimal -> double conversion small enough for the WASM module (musl's strtod and printf,
 * with their long-double arithmetic, were 40% of it).
 *
 * Exact (correctly rounded) whenever the decimal form has at most 15 significant digits
 * and a power of ten within 10^±22 — epoch-second timestamps with milliseconds, counts, ordinary
 * event values. Beyond that, it may be off in the last bit of the double, which only validation
 * reads (the payload copies the number's text, json.c), and the service's 32-bit float members
 * (eventValue) cannot tell apart. */
#ifndef PW_NUMBER_H
#define PW_NUMBER_H

#include "buf.h"

/* Reads the JSON number at the start of s (len bytes) into *out; returns its length in bytes, or 0
 * when s does not start with one. */
size_t pw_json_number(const char *s, size_t len, double *out);

#endif
