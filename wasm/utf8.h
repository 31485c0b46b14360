/* Strict UTF-8 decoding (RFC 3629: no overlongs, no surrogates, nothing above U+10FFFF). */
#ifndef PW_UTF8_H
#define PW_UTF8_H

#include <stddef.h>
#include <stdint.h>

#include "status.h"

/* Decodes the code point at s[*pos], advancing *pos: PW_OK, or PW_ERROR for an invalid sequence. */
pw_status pw_utf8_next(const char *s, size_t len, size_t *pos, uint32_t *cp);

/* Number of code points in s, or -1 when s is not valid UTF-8. */
long pw_utf8_count(const char *s, size_t len);

#endif
