/* Unicode classes from the generated range table; see unicode.h. */
#include "unicode.h"

#include <stddef.h>

#include "unicode_tables.h"

int pw_is_letter_separator_number(uint32_t cp)
{
	size_t lo = 0, hi = PW_TAG_CLASS_RANGES;

	if (cp < 0x80) {
		return (cp >= '0' && cp <= '9') || ((cp | 0x20) >= 'a' && (cp | 0x20) <= 'z') || cp == ' ';
	}
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t start = pw_tag_class_ranges[mid] >> 11;
		uint32_t last = start + (pw_tag_class_ranges[mid] & 0x7FF);

		if (cp < start) hi = mid;
		else if (cp > last) lo = mid + 1;
		else return 1;
	}
	return 0;
}
