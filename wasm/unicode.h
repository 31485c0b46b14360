/* Unicode character classes needed by the model's patterns. */
#ifndef PW_UNICODE_H
#define PW_UNICODE_H

#include <stdint.h>

/* 1 when cp is a letter, separator or number (\p{L}, \p{Z}, \p{N}), else 0. */
int pw_is_letter_separator_number(uint32_t cp);

#endif
