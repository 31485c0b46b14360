/* ASCII helpers, the one copy of each: case folding, letters and digits, hex digits. Locale-free (unlike
 * <ctype.h>), for protocol text: header names, hosts, regions, escapes. */
#ifndef PW_ASCII_H
#define PW_ASCII_H

#include <stddef.h>
#include <string.h>

/* Lower-case hex digits, as SigV4 and JSON's \u escapes write them. */
#define PW_HEX_DIGITS "0123456789abcdef"

static inline char pw_ascii_lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c + ('a' - 'A')) : c;
}

/* 1 for an ASCII letter or digit. */
static inline int pw_ascii_is_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 when a (len bytes) equals lower (len bytes, already lower case) ignoring ASCII case. */
static inline int pw_ascii_eq_lower(const char *a, const char *lower, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (pw_ascii_lower(a[i]) != lower[i]) return 0;
	}
	return 1;
}

/* 1 when a (len bytes) equals the NUL-terminated, lower-case name ignoring ASCII case. One pass,
 * stopping at the first difference: no strlen of the name (the signer tests each header against
 * a table of names). */
static inline int pw_ascii_eq_lower_str(const char *a, size_t len, const char *lower)
{
	size_t i;

	for (i = 0; i < len; i++) {
		if (lower[i] == 0 || pw_ascii_lower(a[i]) != lower[i]) return 0;
	}
	return lower[len] == 0;
}

/* The value of a hex digit (either case), or -1. */
static inline int pw_hex_value(int c)
{
	if (c >= '0' && c <= '9') return c - '0';
	c |= 0x20;
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* The value of the four hex digits at s (a JSON \u escape's), or -1. */
static inline long pw_hex4(const char *s)
{
	long v = 0;
	int i, d;

	for (i = 0; i < 4; i++) {
		if ((d = pw_hex_value((unsigned char)s[i])) < 0) return -1;
		v = v << 4 | d;
	}
	return v;
}

#endif
