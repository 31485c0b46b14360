/* Unicode classes from the generated table of packed deltas; see unicode.h. */
#include "unicode.h"

#include <stddef.h>

#include "unicode_tables.h"

static uint32_t read_leb128(const uint8_t **p)
{
	uint32_t v = 0;
	unsigned shift = 0;
	uint8_t b;

	do {
		b = *(*p)++;
		v |= (uint32_t)(b & 0x7F) << shift;
		shift += 7;
	} while (b & 0x80);
	return v;
}

int pw_is_letter_separator_number(uint32_t cp)
{
	size_t lo = 0, hi = PW_TAG_CLASS_BLOCKS, k;
	const uint8_t *p;
	uint32_t end;

	if (cp < 0x80) {
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == ' ';
	}
	/* The last block whose base is at or below cp; its ranges all start at or after the base, and
	 * the next block's base is past the end of this block's last range. */
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (pw_tag_class_bases[mid] <= cp) lo = mid;
		else hi = mid;
	}
	p = pw_tag_class_deltas + pw_tag_class_offsets[lo];
	end = pw_tag_class_bases[lo];
	for (k = lo * PW_TAG_CLASS_BLOCK; k < PW_TAG_CLASS_RANGES && k < (lo + 1) * PW_TAG_CLASS_BLOCK; k++) {
		uint32_t start = end + read_leb128(&p);
		end = start + read_leb128(&p) + 1;
		if (cp < start) return 0;
		if (cp < end) return 1;
	}
	return 0;
}
