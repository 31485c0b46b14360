/* UTF-8 decoding; see utf8.h. */
#include "utf8.h"

pw_status pw_utf8_next(const char *s, size_t len, size_t *pos, uint32_t *cp)
{
	const unsigned char *p = (const unsigned char *)s + *pos;
	size_t left = len - *pos, n, i;
	uint32_t c, min;

	if (left == 0) return PW_ERROR;
	c = p[0];
	if (c < 0x80) { n = 1; min = 0; }
	else if ((c & 0xE0) == 0xC0) { n = 2; c &= 0x1F; min = 0x80; }
	else if ((c & 0xF0) == 0xE0) { n = 3; c &= 0x0F; min = 0x800; }
	else if ((c & 0xF8) == 0xF0) { n = 4; c &= 0x07; min = 0x10000; }
	else return PW_ERROR;
	if (n > left) return PW_ERROR;
	for (i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80) return PW_ERROR;
		c = (c << 6) | (p[i] & 0x3F);
	}
	if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) return PW_ERROR;
	*pos += n;
	*cp = c;
	return PW_OK;
}

long pw_utf8_count(const char *s, size_t len)
{
	size_t pos = 0;
	long count = 0;
	uint32_t cp;

	while (pos < len) {
		/* ASCII fast path: most values are plain ASCII. */
		if ((unsigned char)s[pos] < 0x80) { pos++; count++; continue; }
		if (pw_utf8_next(s, len, &pos, &cp) != PW_OK) return -1;
		count++;
	}
	return count;
}
