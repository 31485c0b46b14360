/* The model's patterns (shape.h), each a small matcher with its rule in plain words; see
 * validate.h. */
#include "validate.h"

#include <string.h>

#include "ascii.h"
#include "unicode.h"
#include "utf8.h"

/* ---- patterns ------------------------------------------------------------------------------ */

static int in_set(unsigned c, const char *set)
{
	return c != 0 && strchr(set, (int)c) != NULL;
}

static int match_name(const char *s, size_t len)
{
	size_t i;

	if (len == 0 || !pw_ascii_is_alnum((unsigned char)s[0])) return 0;
	for (i = 1; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!pw_ascii_is_alnum(c) && c != '-' && c != '_') return 0;
	}
	return 1;
}

/* Regex '.' (Java and JS) does not match line terminators. */
static int is_line_terminator(uint32_t cp)
{
	return cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029;
}

static int no_line_terminators(const char *s, size_t len)
{
	size_t pos = 0;
	uint32_t cp;

	while (pos < len) {
		if (pw_utf8_next(s, len, &pos, &cp) != PW_OK || is_line_terminator(cp)) return 0;
	}
	return 1;
}

static int starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);
	return len >= n && memcmp(s, prefix, n) == 0;
}

/* "arn:([a-z\d-]+)" then service (":personalize:", say): the index after them, or 0. */
static size_t after_arn_service(const char *s, size_t len, const char *service)
{
	size_t i = 4;

	if (!starts_with(s, len, "arn:")) return 0;
	while (i < len && (s[i] == '-' || (s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9'))) i++;
	if (i == 4 || !starts_with(s + i, len - i, service)) return 0;
	return i + strlen(service);
}

/* arn:([a-z\d-]+):personalize:.*:.*:.+ over the whole value: a partition, then "personalize:",
 * then a rest holding two colons of which the second is not its last character. */
static int match_arn(const char *s, size_t len)
{
	size_t i = after_arn_service(s, len, ":personalize:"), colons = 0, second = 0;

	if (i == 0) return 0;
	if (!no_line_terminators(s + i, len - i)) return 0;
	for (; i < len; i++) {
		if (s[i] == ':' && ++colons == 2) second = i;
	}
	return colons >= 2 && second + 1 < len;
}

static int match_tag(const char *s, size_t len)
{
	size_t pos = 0;
	uint32_t cp;

	while (pos < len) {
		if (pw_utf8_next(s, len, &pos, &cp) != PW_OK) return 0;
		if (cp < 0x80 && in_set(cp, "_.:/=+-@")) continue;
		if (!pw_is_letter_separator_number(cp)) return 0;
	}
	return 1;
}

static int match_ascii(const char *s, size_t len, int printable)
{
	size_t i;
	int non_space = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (printable && (c < 0x20 || c == 0x7F))) return 0;
		if (c != ' ') non_space = 1;
	}
	return !printable || non_space;
}

static int is_digits(const char *s, size_t len)
{
	size_t i;
	for (i = 0; i < len; i++) if (s[i] < '0' || s[i] > '9') return 0;
	return 1;
}

/* arn:([a-z\d-]+):iam::\d{12}:role/?[a-zA-Z_0-9+=,.@\-_/]+ */
static int match_role_arn(const char *s, size_t len)
{
	size_t i = after_arn_service(s, len, ":iam::");

	if (i == 0 || len - i < 13 || !is_digits(s + i, 12) || s[i + 12] != ':') return 0;
	i += 13;
	if (!starts_with(s + i, len - i, "role")) return 0;
	i += 4;
	/* '/' is itself in the class, so "/?[class]+" is just "[class]+". */
	if (i == len) return 0;
	for (; i < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (!pw_ascii_is_alnum(c) && !in_set(c, "_+=,.@-/")) return 0;
	}
	return 1;
}

/* arn:aws.*:kms:.*:[0-9]{12}:key/.* */
static int match_kms_arn(const char *s, size_t len)
{
	size_t i, k;

	if (!starts_with(s, len, "arn:aws") || !no_line_terminators(s, len)) return 0;
	/* Some ":kms:" after "arn:aws", then some ":<12 digits>:key/" after that. */
	for (i = 7; i + 5 <= len; i++) {
		if (memcmp(s + i, ":kms:", 5) != 0) continue;
		for (k = i + 4; k + 18 <= len; k++) {
			if (s[k] == ':' && is_digits(s + k + 1, 12) && memcmp(s + k + 13, ":key/", 5) == 0) return 1;
		}
	}
	return 0;
}

/* The checkers, in PW_PATTERNS order (shape.h), each with its rule in plain words. */
struct pattern_checker {
	int (*match)(const char *s, size_t len);
	const char *rule;
};

static int match_ascii_only(const char *s, size_t len) { return match_ascii(s, len, 0); }
static int match_printable(const char *s, size_t len) { return match_ascii(s, len, 1); }

static const struct pattern_checker checkers[PW_P_COUNT] = {
	[PW_P_NAME] = { match_name,
		"must start with a letter or digit, then have only letters, digits, hyphens (-) and underscores (_)" },
	[PW_P_ARN] = { match_arn, "must be a Personalize ARN, e.g. arn:aws:personalize:us-east-1:123456789012:dataset-group/my-group" },
	[PW_P_TAG] = { match_tag, "may contain only Unicode letters, numbers and spaces, and _ . : / = + - @" },
	/* The pattern's {0,1500} is also the shape's max, which the length check reports. */
	[PW_P_ASCII] = { match_ascii_only, "may contain only ASCII characters" },
	[PW_P_PRINTABLE] = { match_printable, "must be printable ASCII and not only spaces" },
	[PW_P_ROLE_ARN] = { match_role_arn, "must be an IAM role ARN with a 12-digit account and a name of letters, digits "
		"and _+=,.@-/, e.g. arn:aws:iam::123456789012:role/PersonalizeRole" },
	[PW_P_KMS_ARN] = { match_kms_arn, "must be a KMS key ARN with a 12-digit account, "
		"e.g. arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab" },
};

int pw_match_pattern(enum pw_pattern p, const char *s, size_t len)
{
	if (p == PW_P_NONE) return 1;
	if ((unsigned)p >= PW_P_COUNT || checkers[p].match == NULL) return 0;
	return checkers[p].match(s, len);
}

const char *pw_pattern_rule(enum pw_pattern p)
{
	return (unsigned)p < PW_P_COUNT && checkers[p].rule != NULL ? checkers[p].rule : "is invalid";
}

int pw_has_aws_prefix(const char *s, size_t len)
{
	return len >= 4 && pw_ascii_eq_lower(s, "aws:", 4);
}
