/* Input validation through the operation table: lengths in code points, patterns, Unicode
 * classes, reserved prefixes, invalid UTF-8 and lone surrogates, types, required and unknown
 * members, every problem reported at once and named by field. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cJSON.h"
#include "check.h"
#include "json.h"
#include "operations.h"
#include "unicode.h"
#include "validate.h"

#define ARN "arn:aws:personalize:us-east-1:123456789012:dataset-group/g"

/* ---- helpers -------------------------------------------------------------------------------- */

/* Formatted text in one of a ring of static buffers (each test uses a handful at a time). */
static const char *fmt(const char *format, ...)
{
	static char ring[16][32768];
	static unsigned next;
	char *b = ring[next++ % 16];
	va_list ap;
	int n;

	va_start(ap, format);
	n = vsnprintf(b, sizeof ring[0], format, ap);
	va_end(ap);
	if (n < 0 || (size_t)n >= sizeof ring[0]) {
		FAIL("test text too long for fmt()");
		b[0] = 0;
	}
	return b;
}

/* unit repeated n times, separated by sep (may be ""). */
static const char *rep(const char *unit, int n, const char *sep)
{
	static char ring[8][32768];
	static unsigned next;
	char *b = ring[next++ % 8];
	size_t len = 0, ul = strlen(unit), sl = strlen(sep);
	int i;

	for (i = 0; i < n; i++) {
		if (len + ul + sl + 1 >= sizeof ring[0]) {
			FAIL("test text too long for rep()");
			break;
		}
		if (i > 0) { memcpy(b + len, sep, sl); len += sl; }
		memcpy(b + len, unit, ul);
		len += ul;
	}
	b[len] = 0;
	return b;
}

struct outcome {
	unsigned count;   /* what pw_validate_input returned */
	cJSON *errors;    /* the errors as a parsed array */
	char *json;       /* the same, as text (for messages) */
};

/* Validates JSON text against the named operation's input, read the way the export layer reads
 * it (pw_json_parse_input: lone surrogates and NUL marked). */
static struct outcome validate_text(const char *op_name, const char *input, const char *file, int line)
{
	const struct pw_operation *op = pw_find_operation(op_name, strlen(op_name));
	struct outcome o = { 0, NULL, NULL };
	size_t len = strlen(input);
	char *copy = malloc(len + 1);
	cJSON *parsed;
	pw_errors e;

	memcpy(copy, input, len + 1);
	parsed = pw_json_parse_input(copy, len);
	if (!pw_check(op != NULL && parsed != NULL, file, line, "the operation exists and the test input is JSON")) {
		printf("    input: %s\n", input);
	}
	pw_errors_init(&e);
	if (op != NULL) o.count = pw_validate_input(op->input, parsed, &e);
	o.json = malloc(e.json.len + 3);
	o.json[0] = '[';
	if (e.json.len > 0) memcpy(o.json + 1, e.json.data, e.json.len);
	o.json[e.json.len + 1] = ']';
	o.json[e.json.len + 2] = 0;
	o.errors = cJSON_Parse(o.json);
	pw_check(cJSON_IsArray(o.errors), file, line, "the errors are a JSON array");
	pw_check_long((long)e.count, (long)o.count, file, line, "pw_errors count");
	pw_check_long(cJSON_GetArraySize(o.errors), (long)o.count, file, line, "number of error entries");
	pw_errors_free(&e);
	cJSON_Delete(parsed);
	free(copy);
	return o;
}

static void outcome_free(struct outcome *o)
{
	cJSON_Delete(o->errors);
	free(o->json);
}

/* How many errors name field and have a message containing message_part (NULL: any). */
static int errors_for(const struct outcome *o, const char *field, const char *message_part)
{
	const cJSON *item;
	int n = 0;

	cJSON_ArrayForEach(item, o->errors) {
		const cJSON *f = cJSON_GetObjectItemCaseSensitive(item, "field");
		const cJSON *m = cJSON_GetObjectItemCaseSensitive(item, "message");
		if (cJSON_IsString(f) && strcmp(f->valuestring, field) == 0 && cJSON_IsString(m)
			&& (message_part == NULL || strstr(m->valuestring, message_part) != NULL)) {
			n++;
		}
	}
	return n;
}

static void expect_valid(const char *op, const char *input, const char *file, int line)
{
	struct outcome o = validate_text(op, input, file, line);

	if (o.count != 0) pw_fail(file, line, "expected no errors, got %s", o.json);
	else pw_check(1, file, line, "valid");
	outcome_free(&o);
}

/* Exactly one error, on field, its message containing message_part. */
static void expect_one_error(const char *op, const char *input, const char *field, const char *message_part,
	const char *file, int line)
{
	struct outcome o = validate_text(op, input, file, line);

	if (o.count != 1 || errors_for(&o, field, message_part) != 1) {
		pw_fail(file, line, "expected one error on %s containing \"%s\", got %s", field, message_part, o.json);
	} else {
		pw_check(1, file, line, "one error");
	}
	outcome_free(&o);
}

#define VALID(op, input) expect_valid(op, input, __FILE__, __LINE__)
#define ONE_ERROR(op, input, field, message_part) expect_one_error(op, input, field, message_part, __FILE__, __LINE__)
#define CET "CreateEventTracker"

static const char *cet_name(const char *name_json)
{
	return fmt("{\"name\":%s,\"datasetGroupArn\":\"" ARN "\"}", name_json);
}

static const char *cet_arn(const char *arn)
{
	return fmt("{\"name\":\"n\",\"datasetGroupArn\":\"%s\"}", arn);
}

static const char *cet_tags(const char *tags_json)
{
	return fmt("{\"name\":\"n\",\"datasetGroupArn\":\"" ARN "\",\"tags\":%s}", tags_json);
}

/* One tag; key and value are JSON string contents (escaped already). */
static const char *tag(const char *key, const char *value)
{
	return fmt("{\"tagKey\":\"%s\",\"tagValue\":\"%s\"}", key, value);
}

static const char *one_tag(const char *key, const char *value)
{
	return cet_tags(fmt("[%s]", tag(key, value)));
}

static const char *e_acute(int n) { return rep("\xC3\xA9", n, ""); }

/* n tags with distinct keys k0, k1, ... (a JSON array). */
static const char *distinct_tags(int n)
{
	static char ring[4][32768];
	static unsigned next;
	char *b = ring[next++ % 4];
	size_t len = 0;
	int i;

	b[len++] = '[';
	for (i = 0; i < n && len + 64 < sizeof ring[0]; i++) {
		len += (size_t)snprintf(b + len, sizeof ring[0] - len, "%s{\"tagKey\":\"k%d\",\"tagValue\":\"v\"}", i ? "," : "", i);
	}
	if (i < n) FAIL("test text too long for distinct_tags()");
	b[len++] = ']';
	b[len] = 0;
	return b;
}

/* ---- CreateEventTracker: name ---------------------------------------------------------------- */

static void name_must_be_1_to_63_characters(void)
{
	ONE_ERROR(CET, cet_name("\"\""), "name", "must be 1 to 63 characters long (is 0)");
	VALID(CET, cet_name("\"a\""));
	VALID(CET, cet_name(fmt("\"%s\"", rep("a", 63, ""))));
	ONE_ERROR(CET, cet_name(fmt("\"%s\"", rep("a", 64, ""))), "name", "must be 1 to 63 characters long (is 64)");
}

static void name_must_start_with_a_letter_or_digit_then_letters_digits_hyphens_underscores(void)
{
	VALID(CET, cet_name("\"tracker\""));
	VALID(CET, cet_name("\"1tracker\""));
	VALID(CET, cet_name("\"Z\""));
	VALID(CET, cet_name("\"a-b_c-9\""));
	VALID(CET, cet_name("\"a--__\""));
	ONE_ERROR(CET, cet_name("\"-abc\""), "name", "must start with a letter or digit, then have only letters, digits, hyphens (-) and underscores (_)");
	ONE_ERROR(CET, cet_name("\"_abc\""), "name", "must start with a letter or digit");
	ONE_ERROR(CET, cet_name("\"a.b\""), "name", "must start with a letter or digit");
	ONE_ERROR(CET, cet_name("\"a b\""), "name", "must start with a letter or digit");
	ONE_ERROR(CET, cet_name("\"a!b\""), "name", "must start with a letter or digit");
	ONE_ERROR(CET, cet_name("\"a/b\""), "name", "must start with a letter or digit");
	ONE_ERROR(CET, cet_name("\"ab\\n\""), "name", "must start with a letter or digit");
	ONE_ERROR(CET, cet_name("\"\xC3\xA9t\xC3\xA9\""), "name", "must start with a letter or digit");
	/* a multi-byte name is counted in characters, and still fails only the pattern */
	ONE_ERROR(CET, cet_name(fmt("\"%s\"", e_acute(40))), "name", "must start with a letter or digit");
}

/* ---- CreateEventTracker: datasetGroupArn ----------------------------------------------------- */

static void dataset_group_arn_must_match_the_personalize_arn_pattern(void)
{
	VALID(CET, cet_arn(ARN));
	VALID(CET, cet_arn("arn:aws-cn:personalize:cn-north-1:123456789012:dataset-group/g"));
	VALID(CET, cet_arn("arn:aws-us-gov:personalize:us-gov-west-1:123456789012:dataset-group/g"));
	VALID(CET, cet_arn("arn:aws:personalize:::x"));
	VALID(CET, cet_arn("arn:aws:personalize:us-east-1:123456789012:a:b:c"));
	VALID(CET, cet_arn("arn:aws:personalize:a:b:c:")); /* ".+" may end with a colon */
	VALID(CET, cet_arn("arn:a1-b2:personalize:r:a:x"));
	ONE_ERROR(CET, cet_arn("arn::personalize:us-east-1:123456789012:dataset-group/g"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:AWS:personalize:us-east-1:123456789012:dataset-group/g"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws_x:personalize:us-east-1:123456789012:dataset-group/g"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:s3:::bucket"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalizes:us-east-1:123456789012:dataset-group/g"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("ARN:aws:personalize:us-east-1:123456789012:dataset-group/g"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("xarn:aws:personalize:us-east-1:123456789012:dataset-group/g"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize:us-east-1"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize:us-east-1:123456789012"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize:us-east-1:123456789012:"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize:::"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize:us-east-1:123456789012:dataset-group/a\\nb"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize:us-east-1:123456789012:dataset-group/a\\rb"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn("arn:aws:personalize:us-east-1:123456789012:dataset-group/a\xE2\x80\xA8" "b"), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn(""), "datasetGroupArn", "must be a Personalize ARN");
	ONE_ERROR(CET, cet_arn(" " ARN), "datasetGroupArn", "must be a Personalize ARN");
}

static void dataset_group_arn_may_have_at_most_256_characters(void)
{
	static const char prefix[] = "arn:aws:personalize:us-east-1:123456789012:dataset-group/";
	int fill = 256 - (int)strlen(prefix);

	VALID(CET, cet_arn(fmt("%s%s", prefix, rep("g", fill, ""))));
	ONE_ERROR(CET, cet_arn(fmt("%s%s", prefix, rep("g", fill + 1, ""))), "datasetGroupArn",
		"must be at most 256 characters long (is 257)");
	/* characters, not bytes: 256 characters of which some take two bytes */
	VALID(CET, cet_arn(fmt("%s%s", prefix, e_acute(fill))));
	ONE_ERROR(CET, cet_arn(fmt("%s%s", prefix, e_acute(fill + 1))), "datasetGroupArn", "(is 257)");
}

/* ---- CreateEventTracker: tags ---------------------------------------------------------------- */

static void tags_may_have_0_to_200_items(void)
{
	VALID(CET, cet_tags("[]"));
	VALID(CET, cet_tags(distinct_tags(1)));
	VALID(CET, cet_tags(distinct_tags(200)));
	ONE_ERROR(CET, cet_tags(distinct_tags(201)), "tags", "must have at most 200 items (has 201)");
	VALID(CET, cet_tags("null")); /* null is absent */
}

static void tag_key_must_be_1_to_128_characters_counted_as_code_points(void)
{
	ONE_ERROR(CET, one_tag("", "v"), "tags[0].tagKey", "must be 1 to 128 characters long (is 0)");
	VALID(CET, one_tag("k", "v"));
	VALID(CET, one_tag(rep("k", 128, ""), "v"));
	ONE_ERROR(CET, one_tag(rep("k", 129, ""), "v"), "tags[0].tagKey", "must be 1 to 128 characters long (is 129)");
	VALID(CET, one_tag(e_acute(63), "v"));
	VALID(CET, one_tag(e_acute(128), "v"));   /* 256 bytes */
	ONE_ERROR(CET, one_tag(e_acute(129), "v"), "tags[0].tagKey", "(is 129)");
	VALID(CET, one_tag(rep("\xE6\x97\xA5", 128, ""), "v"));   /* 384 bytes */
	ONE_ERROR(CET, one_tag(rep("\xE6\x97\xA5", 129, ""), "v"), "tags[0].tagKey", "(is 129)");
}

static void tag_value_may_have_0_to_256_characters(void)
{
	VALID(CET, one_tag("k", ""));
	VALID(CET, one_tag("k", rep("v", 256, "")));
	ONE_ERROR(CET, one_tag("k", rep("v", 257, "")), "tags[0].tagValue", "must be at most 256 characters long (is 257)");
	VALID(CET, one_tag("k", e_acute(256)));
	ONE_ERROR(CET, one_tag("k", e_acute(257)), "tags[0].tagValue", "(is 257)");
}

/* Every code point, 0 to U+10FFFF, against the general categories read here from the file the
 * table was generated from: L*, Z* and N* are in the class, everything else (unassigned
 * included) is not. */
static void the_tag_class_table_matches_unicode_data_for_every_code_point(void)
{
	static unsigned char expected[0x110000];
	char line[512];
	unsigned long cp, first = 0, mismatches = 0;
	FILE *f = fopen("/usr/share/unicode/UnicodeData.txt", "r");

	if (!CHECK(f != NULL)) return;
	memset(expected, 0, sizeof expected);
	while (fgets(line, sizeof line, f) != NULL) {
		char *name = strchr(line, ';'), *cat = name != NULL ? strchr(name + 1, ';') : NULL;
		int in_class;
		if (cat == NULL) continue;
		cp = strtoul(line, NULL, 16);
		in_class = cat[1] == 'L' || cat[1] == 'Z' || cat[1] == 'N';
		if (cp >= sizeof expected) continue;
		/* large blocks (CJK, Hangul...) come as a "<..., First>" and "<..., Last>" pair */
		if (cat - name > 8 && memcmp(cat - 8, ", First>", 8) == 0) { first = cp; continue; }
		if (cat - name > 7 && memcmp(cat - 7, ", Last>", 7) == 0) {
			for (; first <= cp; first++) expected[first] = (unsigned char)in_class;
			continue;
		}
		expected[cp] = (unsigned char)in_class;
	}
	fclose(f);
	CHECK(expected['a'] && expected[0x4E00] && expected[0x9FA5] && expected[0x3000] && !expected[0xD800]);
	for (cp = 0; cp < sizeof expected; cp++) {
		if (pw_is_letter_separator_number((uint32_t)cp) != expected[cp] && mismatches++ < 5) {
			pw_fail(__FILE__, __LINE__, "U+%04lX: table says %d, UnicodeData.txt %d", cp,
				pw_is_letter_separator_number((uint32_t)cp), expected[cp]);
		}
	}
	CHECK_INT_EQ(mismatches, 0);
	CHECK(!pw_is_letter_separator_number(0x110000) && !pw_is_letter_separator_number(0xFFFFFFFFu));
}

static void tags_accept_unicode_letters_numbers_separators_and_the_listed_punctuation(void)
{
	VALID(CET, one_tag("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E", "\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E")); /* 日本語 */
	VALID(CET, one_tag("\xD9\xA3", "\xD9\xA3"));           /* ٣ ARABIC-INDIC DIGIT THREE (Nd) */
	VALID(CET, one_tag("a\xC2\xA0" "b", "\xC2\xA0"));      /* U+00A0 NO-BREAK SPACE (Zs) */
	VALID(CET, one_tag("a\xE3\x80\x80" "b", "\xE3\x80\x80")); /* U+3000 IDEOGRAPHIC SPACE (Zs) */
	VALID(CET, one_tag("\xE2\x85\xA0", "\xC2\xBD"));       /* Ⅰ ROMAN NUMERAL ONE (Nl), ½ (No) */
	VALID(CET, one_tag("\xCE\xA9\xD0\x96\xF0\x9D\x90\x80", "x")); /* Ω Ж 𝐀 (letters, one outside the BMP) */
	VALID(CET, one_tag("a b", "team A"));
	VALID(CET, one_tag("_.:/=+-@", "_.:/=+-@"));
	VALID(CET, one_tag("cost-center", "12345"));
}

static void tags_reject_symbols_and_other_punctuation(void)
{
	ONE_ERROR(CET, one_tag("\xE2\x82\xAC", "v"), "tags[0].tagKey", "may contain only Unicode letters");   /* € */
	ONE_ERROR(CET, one_tag("k", "\xE2\x82\xAC"), "tags[0].tagValue", "may contain only Unicode letters");
	ONE_ERROR(CET, one_tag("a!", "v"), "tags[0].tagKey", "may contain only Unicode letters");
	ONE_ERROR(CET, one_tag("k", "!"), "tags[0].tagValue", "may contain only Unicode letters");
	ONE_ERROR(CET, one_tag("\xF0\x9F\x98\x80", "v"), "tags[0].tagKey", "may contain only Unicode letters"); /* 😀 */
	ONE_ERROR(CET, one_tag("k", "a\xF0\x9F\x98\x80"), "tags[0].tagValue", "may contain only Unicode letters");
	ONE_ERROR(CET, one_tag("a#b", "v"), "tags[0].tagKey", "may contain only");
	ONE_ERROR(CET, one_tag("a,b", "v"), "tags[0].tagKey", "may contain only");
	ONE_ERROR(CET, one_tag("a\\tb", "v"), "tags[0].tagKey", "may contain only");
	ONE_ERROR(CET, one_tag("a\\\"b", "v"), "tags[0].tagKey", "may contain only");
	ONE_ERROR(CET, one_tag("k", "\xC2\xB7"), "tags[0].tagValue", "may contain only"); /* · MIDDLE DOT (Po) */
	ONE_ERROR(CET, one_tag("k", "\xCC\x81"), "tags[0].tagValue", "may contain only"); /* combining acute (Mn) */
}

static void tags_reject_the_aws_prefix_in_any_case_on_key_and_value(void)
{
	ONE_ERROR(CET, one_tag("aws:k", "v"), "tags[0].tagKey", "must not start with aws:");
	ONE_ERROR(CET, one_tag("AWS:k", "v"), "tags[0].tagKey", "must not start with aws:");
	ONE_ERROR(CET, one_tag("Aws:k", "v"), "tags[0].tagKey", "must not start with aws:");
	ONE_ERROR(CET, one_tag("aWs:", "v"), "tags[0].tagKey", "must not start with aws:");
	ONE_ERROR(CET, one_tag("k", "aws:v"), "tags[0].tagValue", "must not start with aws:");
	ONE_ERROR(CET, one_tag("k", "AWS:"), "tags[0].tagValue", "must not start with aws:");
	ONE_ERROR(CET, one_tag("k", "Aws:v"), "tags[0].tagValue", "must not start with aws:");
	VALID(CET, one_tag("awsk", "aws"));
	VALID(CET, one_tag("my:aws:k", "x-aws:v"));
	VALID(CET, one_tag("aws-k", "aws_v"));
	CHECK(pw_has_aws_prefix("aws:", 4));
	CHECK(!pw_has_aws_prefix("aws:", 3));
	CHECK(!pw_has_aws_prefix("aw", 2));
	CHECK(!pw_has_aws_prefix("aws;", 4));
}

static void invalid_utf8_is_rejected_with_the_field_named(void)
{
	static const char *const bad[] = {
		"\xC0\xAF",             /* overlong '/' */
		"\xE0\x80\xAF",         /* overlong, three bytes */
		"\xF0\x80\x80\xAF",     /* overlong, four bytes */
		"\xED\xA0\x80",         /* U+D800 encoded */
		"\xED\xBF\xBF",         /* U+DFFF encoded */
		"a\xE6\x97",            /* truncated at the end */
		"\xE6\x97\x61",         /* truncated before another character (a) */
		"\xF0\x9F\x98",         /* truncated four-byte sequence */
		"\x80",                 /* lone continuation byte */
		"\xFF",
		"\xF4\x90\x80\x80",     /* above U+10FFFF */
		"\xF8\x88\x80\x80\x80", /* five bytes */
	};
	size_t i;

	for (i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		const char *tags = fmt("[%s,%s,%s,%s]", tag("a", "1"), tag("b", "2"), tag("c", "3"), tag(bad[i], "4"));
		ONE_ERROR(CET, cet_tags(tags), "tags[3].tagKey", "must be valid Unicode text");
		tags = fmt("[%s,%s,%s,%s]", tag("a", "1"), tag("b", "2"), tag("c", "3"), tag("d", bad[i]));
		ONE_ERROR(CET, cet_tags(tags), "tags[3].tagValue", "must be valid Unicode text");
	}
	ONE_ERROR(CET, cet_name("\"a\xFF\""), "name", "must be valid Unicode text");
	/* a raw 0xFE byte is rejected too (its message is the one for NUL, whose marker it is) */
	ONE_ERROR(CET, one_tag("\xFE", "v"), "tags[0].tagKey", "must");
	ONE_ERROR(CET, cet_arn(ARN "\xC0\xAF"), "datasetGroupArn", "must be valid Unicode text");
}

static void lone_surrogate_escapes_and_nul_are_rejected_with_the_field_named(void)
{
	const char *tags = fmt("[%s,%s,%s,%s]", tag("a", "1"), tag("b", "2"), tag("c", "3"), tag("x\\ud800", "4"));

	ONE_ERROR(CET, cet_tags(tags), "tags[3].tagKey", "must be valid Unicode text");
	ONE_ERROR(CET, one_tag("k", "\\udfff"), "tags[0].tagValue", "must be valid Unicode text");
	ONE_ERROR(CET, one_tag("k", "\\ud83d"), "tags[0].tagValue", "must be valid Unicode text");
	VALID(CET, one_tag("k", "\\ud835\\udc00")); /* a pair: U+1D400, a letter */
	ONE_ERROR(CET, one_tag("k", "a\\u0000b"), "tags[0].tagValue", "must not contain NUL characters");
	ONE_ERROR(CET, cet_name("\"a\\u0000\""), "name", "must not contain NUL characters");
	/* an escaped backslash followed by "ud800" is plain text (and not allowed in a tag) */
	ONE_ERROR(CET, one_tag("k", "\\\\ud800"), "tags[0].tagValue", "may contain only");
}

/* ---- CreateEventTracker: several problems, types, members ----------------------------------- */

static void every_problem_is_reported_at_once(void)
{
	struct outcome o = validate_text(CET,
		"{\"name\":\"-bad\",\"datasetGroupArn\":\"nope\",\"tags\":[{\"tagKey\":\"aws:k\",\"tagValue\":\"\xE2\x82\xAC\"},"
		"{\"tagKey\":\"\",\"tagValue\":\"v\"}],\"extra\":1}", __FILE__, __LINE__);

	CHECK_INT_EQ(o.count, 6);
	CHECK_INT_EQ(errors_for(&o, "name", "must start with a letter or digit"), 1);
	CHECK_INT_EQ(errors_for(&o, "datasetGroupArn", "must be a Personalize ARN"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[0].tagKey", "must not start with aws:"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[0].tagValue", "may contain only"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[1].tagKey", "(is 0)"), 1);
	CHECK_INT_EQ(errors_for(&o, "extra", "is not a member"), 1);
	/* messages never quote the value (tag values are sensitive) */
	CHECK(strstr(o.json, "nope") == NULL && strstr(o.json, "-bad") == NULL && strstr(o.json, "aws:k") == NULL);
	outcome_free(&o);

	o = validate_text(CET, cet_tags(fmt("[%s]", rep(tag("aws:k", ""), 201, ","))), __FILE__, __LINE__);
	CHECK_INT_EQ(o.count, 202);
	CHECK_INT_EQ(errors_for(&o, "tags", "(has 201)"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[200].tagKey", "aws:"), 1);
	outcome_free(&o);
}

static void unknown_members_are_reported_by_field(void)
{
	ONE_ERROR(CET, "{\"name\":\"n\",\"datasetGroupArn\":\"" ARN "\",\"nmae\":\"x\"}", "nmae",
		"is not a member of CreateEventTrackerRequest (members: name, datasetGroupArn, tags)");
	ONE_ERROR(CET, cet_tags("[{\"tagKey\":\"k\",\"tagValue\":\"v\",\"color\":\"red\"}]"), "tags[0].color",
		"is not a member of Tag");
	{
		struct outcome o = validate_text(CET, cet_tags("[{\"tagkey\":\"k\",\"tagValue\":\"v\"}]"), __FILE__, __LINE__);
		CHECK_INT_EQ(o.count, 2);
		CHECK_INT_EQ(errors_for(&o, "tags[0].tagkey", "is not a member of Tag"), 1);
		CHECK_INT_EQ(errors_for(&o, "tags[0].tagKey", "is required"), 1);
		outcome_free(&o);
	}
}

static void wrong_types_are_reported_by_field(void)
{
	ONE_ERROR(CET, cet_name("5"), "name", "must be a string");
	ONE_ERROR(CET, cet_name("true"), "name", "must be a string");
	ONE_ERROR(CET, cet_name("[\"n\"]"), "name", "must be a string");
	ONE_ERROR(CET, "{\"name\":\"n\",\"datasetGroupArn\":{}}", "datasetGroupArn", "must be a string");
	ONE_ERROR(CET, cet_tags("{}"), "tags", "must be a list");
	ONE_ERROR(CET, cet_tags("\"k=v\""), "tags", "must be a list");
	ONE_ERROR(CET, cet_tags("[\"x\"]"), "tags[0]", "must be an object");
	ONE_ERROR(CET, cet_tags("[{\"tagKey\":\"k\",\"tagValue\":\"v\"},[]]"), "tags[1]", "must be an object");
	ONE_ERROR(CET, cet_tags("[{\"tagKey\":1,\"tagValue\":\"v\"}]"), "tags[0].tagKey", "must be a string");
	ONE_ERROR(CET, cet_tags("[{\"tagKey\":\"k\",\"tagValue\":false}]"), "tags[0].tagValue", "must be a string");
}

static void required_members_must_be_present(void)
{
	struct outcome o = validate_text(CET, "{}", __FILE__, __LINE__);
	const struct pw_operation *op = pw_find_operation(CET, 18);
	pw_errors e;

	CHECK_INT_EQ(o.count, 2);
	CHECK_INT_EQ(errors_for(&o, "name", "is required"), 1);
	CHECK_INT_EQ(errors_for(&o, "datasetGroupArn", "is required"), 1);
	outcome_free(&o);
	ONE_ERROR(CET, "{\"name\":\"n\"}", "datasetGroupArn", "is required");
	ONE_ERROR(CET, "{\"name\":null,\"datasetGroupArn\":\"" ARN "\"}", "name", "is required");
	ONE_ERROR(CET, cet_tags("[{\"tagKey\":\"k\"}]"), "tags[0].tagValue", "is required");
	ONE_ERROR(CET, cet_tags("[{\"tagValue\":\"v\"}]"), "tags[0].tagKey", "is required");

	/* no input at all, or not an object */
	pw_errors_init(&e);
	CHECK_INT_EQ(pw_validate_input(op->input, NULL, &e), 1);
	CHECK(e.json.data != NULL && strstr(e.json.data, "\"field\":\"input\"") != NULL);
	pw_errors_free(&e);
	o = validate_text(CET, "[]", __FILE__, __LINE__);
	CHECK_INT_EQ(o.count, 1);
	CHECK(strstr(o.json, "must be an object") != NULL);
	outcome_free(&o);
	o = validate_text(CET, "\"n\"", __FILE__, __LINE__);
	CHECK_INT_EQ(o.count, 1);
	outcome_free(&o);
}

static void errors_accumulate_across_validations_and_report_new_ones(void)
{
	const struct pw_operation *op = pw_find_operation(CET, 18);
	cJSON *bad = cJSON_Parse("{\"name\":\"\"}");
	pw_errors e;

	pw_errors_init(&e);
	CHECK_INT_EQ(pw_validate_input(op->input, bad, &e), 2);
	CHECK_INT_EQ(pw_validate_input(op->input, bad, &e), 2); /* returns the new problems */
	CHECK_INT_EQ(e.count, 4);
	pw_errors_add(&e, "custom", "message with \"quotes\"");
	CHECK_INT_EQ(e.count, 5);
	CHECK(strstr(e.json.data, "{\"field\":\"custom\",\"message\":\"message with \\\"quotes\\\"\"}") != NULL);
	pw_errors_free(&e);
	CHECK(e.json.data == NULL && e.count == 0);
	cJSON_Delete(bad);
	CHECK(pw_find_operation("CreateEventTrackerX", 19) == NULL);
	CHECK(pw_find_operation("CreateEventTracke", 17) == NULL);
	CHECK(pw_find_operation("createeventtracker", 18) == NULL);
}

/* ---- lone surrogates ------------------------------------------------------------------------ */

/* How the input reader reads a string's escapes: expected is the value's bytes, or NULL when the
 * text is no JSON. */
static void expect_read(const char *in, const char *expected, const char *file, int line)
{
	cJSON *v = pw_json_parse_input(in, strlen(in));

	if (expected == NULL) {
		pw_check(v == NULL, file, line, in);
	} else if (pw_check(cJSON_IsString(v), file, line, in)) {
		pw_check_str(v->valuestring, expected, file, line, in);
	}
	cJSON_Delete(v);
}
#define READ(in, expected) expect_read(in, expected, __FILE__, __LINE__)

static void input_reader_marks_only_unpaired_surrogate_and_nul_escapes(void)
{
	READ("\"\\ud800\"", "\xFF");
	READ("\"\\uD800\"", "\xFF");
	READ("\"\\udc00\"", "\xFF");
	READ("\"\\uDFFF\"", "\xFF");
	READ("\"a\\ud800b\"", "a\xFF" "b");
	READ("\"\\ud83d\\ude00\"", "\xF0\x9F\x98\x80");        /* a valid pair is one code point */
	READ("\"\\uD83D\\uDE00\"", "\xF0\x9F\x98\x80");
	READ("\"\\ude00\\ud83d\"", "\xFF\xFF");                /* reversed: both lone */
	READ("\"\\ud800\\ud800\"", "\xFF\xFF");
	READ("\"\\ud800\\u0041\"", "\xFF" "A");
	READ("\"\\ud800\\n\"", "\xFF\n");
	READ("\"\\\\ud800\"", "\\ud800");                    /* escaped backslash, then text */
	READ("\"\\\\\\ud800\"", "\\\xFF");                 /* escaped backslash, then a lone escape */
	READ("\"\\u0000\"", "\xFE");
	READ("\"a\\u0000\\u0000b\"", "a\xFE\xFE" "b");
	READ("\"\\u0001\\u00e9\\uffff\"", "\x01\xC3\xA9\xEF\xBF\xBF");
	READ("\"\\ud8\"", NULL);                                /* too short */
	READ("\"\\ud80", NULL);
	READ("", NULL);
	READ("\\", NULL);
}

/* Member names are marked too; the plain reader refuses what the input reader marks. */
static void input_reader_marks_member_names_and_the_plain_reader_refuses_lone_surrogates(void)
{
	static const char object[] = "{\"a\\udc00\":\"\\\"\",\"b\":\"\\ud800\"}", lone[] = "\"\\ud800\"", nul[] = "\"a\\u0000b\"";
	cJSON *v = pw_json_parse_input(object, sizeof object - 1);

	CHECK(cJSON_IsObject(v) && v->child != NULL && strcmp(v->child->string, "a\xFF") == 0
		&& strcmp(cJSON_GetObjectItemCaseSensitive(v, "b")->valuestring, "\xFF") == 0);
	cJSON_Delete(v);
	CHECK(pw_json_parse(lone, sizeof lone - 1) == NULL);
	v = pw_json_parse(nul, sizeof nul - 1);
	CHECK(cJSON_IsString(v) && strcmp(v->valuestring, "a") == 0); /* as cJSON reads it */
	cJSON_Delete(v);
}

/* ---- ListEventTrackers ----------------------------------------------------------------------- */

static void list_event_trackers_max_results_is_an_integer_from_1_to_100(void)
{
	VALID("ListEventTrackers", "{}");
	VALID("ListEventTrackers", "{\"maxResults\":1}");
	VALID("ListEventTrackers", "{\"maxResults\":100}");
	VALID("ListEventTrackers", "{\"maxResults\":100.0}");
	VALID("ListEventTrackers", "{\"datasetGroupArn\":\"" ARN "\",\"nextToken\":\"abc\",\"maxResults\":50}");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":0}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":101}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":1.5}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":-1}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":1e300}", "maxResults", "must be an integer from 1 to 100");
	ONE_ERROR("ListEventTrackers", "{\"maxResults\":\"5\"}", "maxResults", "must be an integer");
	ONE_ERROR("ListEventTrackers", "{\"nextToken\":\"\xC3\xA9\"}", "nextToken", "ASCII");
	ONE_ERROR("ListEventTrackers", fmt("{\"nextToken\":\"%s\"}", rep("t", 1501, "")), "nextToken", "(is 1501)");
	VALID("ListEventTrackers", fmt("{\"nextToken\":\"%s\"}", rep("t", 1500, "")));
}

static void other_operations_validate_their_own_members(void)
{
	VALID("DescribeEventTracker", "{\"eventTrackerArn\":\"arn:aws:personalize:us-east-1:1:event-tracker/t\"}");
	ONE_ERROR("DescribeEventTracker", "{}", "eventTrackerArn", "is required");
	ONE_ERROR("DeleteEventTracker", "{\"eventTrackerArn\":\"x\"}", "eventTrackerArn", "must be a Personalize ARN");
	VALID("CreateDatasetGroup", "{\"name\":\"g\",\"roleArn\":\"arn:aws:iam::123456789012:role/r\",\"domain\":\"ECOMMERCE\"}");
	ONE_ERROR("CreateDatasetGroup", "{\"name\":\"g\",\"domain\":\"RETAIL\"}", "domain", "ECOMMERCE or VIDEO_ON_DEMAND");
	ONE_ERROR("CreateDatasetGroup", "{\"name\":\"g\",\"roleArn\":\"arn:aws:iam::12345678901:role/r\"}", "roleArn", "IAM role ARN");
	VALID("CreateDatasetGroup", "{\"name\":\"g\",\"kmsKeyArn\":\"arn:aws:kms:us-east-1:123456789012:key/abc\"}");
	ONE_ERROR("CreateDatasetGroup", "{\"name\":\"g\",\"kmsKeyArn\":\"arn:aws:kms:us-east-1:12345:key/abc\"}", "kmsKeyArn", "KMS key ARN");
}

/* ---- duplicate tag keys --------------------------------------------------------------------- */

static void a_tag_key_given_twice_is_rejected_naming_the_first_and_never_the_key(void)
{
	struct outcome o = validate_text(CET, cet_tags(fmt("[%s,%s,%s,%s,%s,%s]", tag("secret", "1"), tag("b", "2"),
		tag("secret", "3"), tag("Secret", "4"), tag("b", "5"), tag("secret", "6"))), __FILE__, __LINE__);

	CHECK_INT_EQ(o.count, 3);
	CHECK_INT_EQ(errors_for(&o, "tags[2].tagKey", "duplicates tags[0].tagKey"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[4].tagKey", "duplicates tags[1].tagKey"), 1);
	CHECK_INT_EQ(errors_for(&o, "tags[5].tagKey", "duplicates tags[0].tagKey"), 1);
	/* keys differ by case are different keys; the key itself is never in a message */
	CHECK_INT_EQ(errors_for(&o, "tags[3].tagKey", NULL), 0);
	CHECK(strstr(o.json, "ecret") == NULL);
	outcome_free(&o);
	/* the same for every operation that takes Tags */
	ONE_ERROR("CreateDatasetGroup", fmt("{\"name\":\"g\",\"tags\":[%s,%s]}", tag("k", "1"), tag("k", "2")), "tags[1].tagKey",
		"duplicates tags[0].tagKey");
	ONE_ERROR("TagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tags\":[%s,%s]}", tag("k", "1"), tag("k", "1")),
		"tags[1].tagKey", "duplicates tags[0].tagKey");
	/* an item that is no valid tag has its own error, not a duplicate one */
	ONE_ERROR(CET, cet_tags(fmt("[%s,{\"tagKey\":5,\"tagValue\":\"v\"}]", tag("5", "v"))), "tags[1].tagKey", "must be a string");
}

static void untag_resource_tag_keys_are_tag_keys_each_given_once(void)
{
	VALID("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[]}");
	VALID("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"a\",\"A\",\"b\"]}");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"a\",\"b\",\"a\"]}", "tagKeys[2]",
		"duplicates tagKeys[0]: each tag key may appear only once");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"\"]}", "tagKeys[0]", "must be 1 to 128 characters long (is 0)");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"a!\"]}", "tagKeys[0]", "may contain only Unicode letters");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[\"AWS:x\"]}", "tagKeys[0]", "must not start with aws:");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":[1]}", "tagKeys[0]", "must be a string");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\",\"tagKeys\":\"a\"}", "tagKeys", "must be a list");
	ONE_ERROR("UntagResource", "{\"resourceArn\":\"" ARN "\"}", "tagKeys", "is required");
	ONE_ERROR("UntagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tagKeys\":[%s]}", rep("\"k\"", 201, ",")), "tagKeys",
		"must have at most 200 items (has 201)");
}

static void tag_resource_and_list_tags_for_resource_validate_from_the_model(void)
{
	VALID("TagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tags\":%s}", distinct_tags(3)));
	VALID("TagResource", "{\"resourceArn\":\"" ARN "\",\"tags\":[]}");
	ONE_ERROR("TagResource", "{\"resourceArn\":\"" ARN "\"}", "tags", "is required");
	ONE_ERROR("TagResource", "{\"tags\":[]}", "resourceArn", "is required");
	ONE_ERROR("TagResource", fmt("{\"resourceArn\":\"" ARN "\",\"tags\":[%s]}", tag("k", "aws:v")), "tags[0].tagValue",
		"must not start with aws:");
	ONE_ERROR("TagResource", "{\"resourceArn\":\"x\",\"tags\":[]}", "resourceArn", "must be a Personalize ARN");
	VALID("ListTagsForResource", "{\"resourceArn\":\"" ARN "\"}");
	ONE_ERROR("ListTagsForResource", "{}", "resourceArn", "is required");
	ONE_ERROR("ListTagsForResource", "{\"resourceArn\":\"" ARN "\",\"tags\":[]}", "tags",
		"is not a member of ListTagsForResourceRequest (members: resourceArn)");
}

/* Messages are templates filled from the shape: a hand-made shape with three enum values and an
 * integer range the model does not have gets messages naming them. */
static void messages_are_filled_from_the_shape(void)
{
	static const struct pw_shape color = { .type = PW_T_STRING, .n_values = 3, .values = "RED\000GREEN\000BLUE", .max = INT32_MAX };
	static const struct pw_shape count = { .type = PW_T_INTEGER, .min = -5, .max = 5 };
	static const struct pw_member members[] = { { "color", &color, 1 }, { "count", &count, 0 } };
	static const struct pw_shape input = { .type = PW_T_STRUCT, .n_members = 2, .members = members, .name = "PaintRequest" };
	cJSON *v = cJSON_Parse("{\"color\":\"red\",\"count\":6,\"colour\":1}");
	pw_errors e;

	pw_errors_init(&e);
	CHECK_INT_EQ(pw_validate_input(&input, v, &e), 3);
	CHECK(e.json.data != NULL && strstr(e.json.data, "{\"field\":\"color\",\"message\":\"must be RED, GREEN or BLUE\"}") != NULL);
	CHECK(e.json.data != NULL && strstr(e.json.data, "{\"field\":\"count\",\"message\":\"must be an integer from -5 to 5\"}") != NULL);
	CHECK(e.json.data != NULL
		&& strstr(e.json.data, "{\"field\":\"colour\",\"message\":\"is not a member of PaintRequest (members: color, count)\"}") != NULL);
	pw_errors_free(&e);
	cJSON_Delete(v);
}

/* The tables come from wasm/model.json: every operation, its service's wire facts. */
static void the_operation_table_holds_the_model_operations_and_services(void)
{
	static const char *const names[] = { "CreateEventTracker", "DescribeEventTracker", "ListEventTrackers",
		"DeleteEventTracker", "CreateDatasetGroup", "DescribeDatasetGroup", "ListDatasetGroups", "DeleteDatasetGroup",
		"TagResource", "UntagResource", "ListTagsForResource", "PutEvents" };
	const struct pw_service_info *p = pw_service_info(PW_SVC_PERSONALIZE), *ev = pw_service_info(PW_SVC_PERSONALIZE_EVENTS);
	const struct pw_operation *op;
	size_t i;

	for (i = 0; i < sizeof names / sizeof names[0]; i++) {
		op = pw_find_operation(names[i], strlen(names[i]));
		if (!CHECK(op != NULL)) continue;
		CHECK_STR_EQ(op->name, names[i]);
		CHECK_STR_EQ(op->http_path, i + 1 == sizeof names / sizeof names[0] ? "/events" : "/");
		CHECK_INT_EQ(op->service, i + 1 == sizeof names / sizeof names[0] ? PW_SVC_PERSONALIZE_EVENTS : PW_SVC_PERSONALIZE);
		CHECK(op->input != NULL && op->input->type == PW_T_STRUCT && op->required_output != NULL);
	}
	CHECK_STR_EQ(p->endpoint_prefix, "personalize");
	CHECK_STR_EQ(p->target_prefix, "AmazonPersonalize");
	CHECK_STR_EQ(p->content_type, "application/x-amz-json-1.1");
	CHECK_STR_EQ(p->signing_name, PW_SIGNING_NAME);
	CHECK_STR_EQ(ev->endpoint_prefix, "personalize-events");
	CHECK(ev->target_prefix == NULL);
	CHECK_STR_EQ(ev->content_type, "application/json");
	CHECK_STR_EQ(ev->signing_name, PW_SIGNING_NAME);
	/* clientRequired and empty outputs */
	op = pw_find_operation("CreateEventTracker", 18);
	CHECK_STR_EQ(op->required_output[0], "eventTrackerArn");
	CHECK_STR_EQ(op->required_output[1], "trackingId");
	CHECK(op->required_output[2] == NULL && !op->empty_output);
	op = pw_find_operation("TagResource", 11);
	CHECK(op->required_output[0] == NULL && op->empty_output);
	op = pw_find_operation("ListTagsForResource", 19);
	CHECK(op->required_output[0] == NULL && !op->empty_output);
}

/* ---- PutEvents ------------------------------------------------------------------------------- */

#define EVENT "{\"eventType\":\"click\",\"sentAt\":1732579200}"

static const char *put_events(const char *event_list_json)
{
	return fmt("{\"trackingId\":\"t\",\"sessionId\":\"s\",\"eventList\":%s}", event_list_json);
}

/* One event with extra members (JSON text after the required ones, starting with ','). */
static const char *put_event_with(const char *extra)
{
	return put_events(fmt("[{\"eventType\":\"click\",\"sentAt\":1732579200%s}]", extra));
}

static void put_events_event_list_must_have_1_to_10_events(void)
{
	ONE_ERROR("PutEvents", put_events("[]"), "eventList", "must have 1 to 10 items (has 0)");
	VALID("PutEvents", put_events("[" EVENT "]"));
	VALID("PutEvents", put_events(fmt("[%s]", rep(EVENT, 10, ","))));
	ONE_ERROR("PutEvents", put_events(fmt("[%s]", rep(EVENT, 11, ","))), "eventList", "must have 1 to 10 items (has 11)");
	ONE_ERROR("PutEvents", "{\"trackingId\":\"t\",\"sessionId\":\"s\"}", "eventList", "is required");
	ONE_ERROR("PutEvents", "{\"sessionId\":\"s\",\"eventList\":[" EVENT "]}", "trackingId", "is required");
	ONE_ERROR("PutEvents", "{\"trackingId\":\"t\",\"eventList\":[" EVENT "]}", "sessionId", "is required");
	VALID("PutEvents", "{\"trackingId\":\"t\",\"userId\":\"u\",\"sessionId\":\"s\",\"eventList\":[" EVENT "]}");
	ONE_ERROR("PutEvents", "{\"trackingId\":\"t\",\"userId\":\"\",\"sessionId\":\"s\",\"eventList\":[" EVENT "]}",
		"userId", "must be 1 to 256 characters long (is 0)");
}

static void put_events_sent_at_is_a_required_timestamp(void)
{
	ONE_ERROR("PutEvents", put_events("[{\"eventType\":\"click\"}]"), "eventList[0].sentAt", "is required");
	ONE_ERROR("PutEvents", put_events("[" EVENT ",{\"eventType\":\"click\"}]"), "eventList[1].sentAt", "is required");
	ONE_ERROR("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":\"2024-11-26\"}]"), "eventList[0].sentAt",
		"must be a Date or a number of epoch seconds");
	ONE_ERROR("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":-1}]"), "eventList[0].sentAt", "between 1970 and 9999");
	VALID("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":1732579200.123}]"));
	VALID("PutEvents", put_events("[{\"eventType\":\"click\",\"sentAt\":0}]"));
	ONE_ERROR("PutEvents", put_events("[{\"sentAt\":1}]"), "eventList[0].eventType", "is required");
	ONE_ERROR("PutEvents", put_event_with(",\"eventValue\":\"1\""), "eventList[0].eventValue", "must be a number");
	VALID("PutEvents", put_event_with(",\"eventValue\":-1.5,\"eventId\":\"e\",\"itemId\":\"i\""));
}

static void put_events_properties_must_be_a_json_object_of_1_to_1024_characters(void)
{
	/* {"a":"xxx"} as a string: 8 characters plus the x's */
	VALID("PutEvents", put_event_with(",\"properties\":{\"a\":1,\"b\":\"x\"}"));
	VALID("PutEvents", put_event_with(",\"properties\":\"{\\\"a\\\":1}\""));
	VALID("PutEvents", put_event_with(",\"properties\":\"{}\""));
	VALID("PutEvents", put_event_with(",\"properties\":{}"));
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":\"not json\""), "eventList[0].properties", "must hold a JSON object");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":\"[1,2]\""), "eventList[0].properties", "must hold a JSON object");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":\"\\\"text\\\"\""), "eventList[0].properties", "must hold a JSON object");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":[1,2]"), "eventList[0].properties", "must be an object or a string");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":5"), "eventList[0].properties", "must be an object or a string");
	VALID("PutEvents", put_event_with(fmt(",\"properties\":\"{\\\"a\\\":\\\"%s\\\"}\"", rep("x", 1016, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"properties\":\"{\\\"a\\\":\\\"%s\\\"}\"", rep("x", 1017, ""))),
		"eventList[0].properties", "must be 1 to 1024 characters long (is 1025)");
	/* an object is measured as the string it becomes */
	VALID("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", rep("x", 1016, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", rep("x", 1017, ""))),
		"eventList[0].properties", "(is 1025)");
	/* characters, not bytes */
	VALID("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", e_acute(1016))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"properties\":{\"a\":\"%s\"}", e_acute(1017))),
		"eventList[0].properties", "(is 1025)");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":{\"a\":\"\xFF\"}"), "eventList[0].properties", "valid Unicode");
	ONE_ERROR("PutEvents", put_event_with(",\"properties\":{\"\\ud800\":1}"), "eventList[0].properties", "valid Unicode");
}

static void put_events_impression_has_1_to_25_item_ids(void)
{
	ONE_ERROR("PutEvents", put_event_with(",\"impression\":[]"), "eventList[0].impression", "must have 1 to 25 items (has 0)");
	VALID("PutEvents", put_event_with(fmt(",\"impression\":[%s]", rep("\"item\"", 25, ","))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"impression\":[%s]", rep("\"item\"", 26, ","))),
		"eventList[0].impression", "must have 1 to 25 items (has 26)");
	ONE_ERROR("PutEvents", put_event_with(",\"impression\":[\"a\",\"\"]"), "eventList[0].impression[1]", "(is 0)");
	ONE_ERROR("PutEvents", put_event_with(",\"impression\":[\"a\",2]"), "eventList[0].impression[1]", "must be a string");
}

static void put_events_recommendation_id_has_at_most_40_characters(void)
{
	VALID("PutEvents", put_event_with(fmt(",\"recommendationId\":\"%s\"", rep("r", 40, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"recommendationId\":\"%s\"", rep("r", 41, ""))),
		"eventList[0].recommendationId", "must be 1 to 40 characters long (is 41)");
	ONE_ERROR("PutEvents", put_event_with(",\"recommendationId\":\"\""), "eventList[0].recommendationId", "(is 0)");
}

static void put_events_metric_attribution_source_is_printable_ascii_not_only_spaces(void)
{
	VALID("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"SOURCE_NAME\"}"));
	VALID("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\" a b ~\"}"));
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"   \"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "must be printable ASCII and not only spaces");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"a\\u0001\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"a\\tb\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"a\\u007f\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"\xC3\xA9\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{\"eventAttributionSource\":\"\"}"),
		"eventList[0].metricAttribution.eventAttributionSource", "printable ASCII");
	ONE_ERROR("PutEvents", put_event_with(",\"metricAttribution\":{}"),
		"eventList[0].metricAttribution.eventAttributionSource", "is required");
	VALID("PutEvents", put_event_with(fmt(",\"metricAttribution\":{\"eventAttributionSource\":\"%s\"}", rep("s", 1024, ""))));
	ONE_ERROR("PutEvents", put_event_with(fmt(",\"metricAttribution\":{\"eventAttributionSource\":\"%s\"}", rep("s", 1025, ""))),
		"eventList[0].metricAttribution.eventAttributionSource", "(is 1025)");
}

const struct pw_test pw_tests_validate[] = {
	{ "name_must_be_1_to_63_characters", name_must_be_1_to_63_characters },
	{ "name_must_start_with_a_letter_or_digit_then_letters_digits_hyphens_underscores", name_must_start_with_a_letter_or_digit_then_letters_digits_hyphens_underscores },
	{ "dataset_group_arn_must_match_the_personalize_arn_pattern", dataset_group_arn_must_match_the_personalize_arn_pattern },
	{ "dataset_group_arn_may_have_at_most_256_characters", dataset_group_arn_may_have_at_most_256_characters },
	{ "tags_may_have_0_to_200_items", tags_may_have_0_to_200_items },
	{ "tag_key_must_be_1_to_128_characters_counted_as_code_points", tag_key_must_be_1_to_128_characters_counted_as_code_points },
	{ "tag_value_may_have_0_to_256_characters", tag_value_may_have_0_to_256_characters },
	{ "the_tag_class_table_matches_unicode_data_for_every_code_point", the_tag_class_table_matches_unicode_data_for_every_code_point },
	{ "tags_accept_unicode_letters_numbers_separators_and_the_listed_punctuation", tags_accept_unicode_letters_numbers_separators_and_the_listed_punctuation },
	{ "tags_reject_symbols_and_other_punctuation", tags_reject_symbols_and_other_punctuation },
	{ "tags_reject_the_aws_prefix_in_any_case_on_key_and_value", tags_reject_the_aws_prefix_in_any_case_on_key_and_value },
	{ "invalid_utf8_is_rejected_with_the_field_named", invalid_utf8_is_rejected_with_the_field_named },
	{ "lone_surrogate_escapes_and_nul_are_rejected_with_the_field_named", lone_surrogate_escapes_and_nul_are_rejected_with_the_field_named },
	{ "every_problem_is_reported_at_once", every_problem_is_reported_at_once },
	{ "unknown_members_are_reported_by_field", unknown_members_are_reported_by_field },
	{ "wrong_types_are_reported_by_field", wrong_types_are_reported_by_field },
	{ "required_members_must_be_present", required_members_must_be_present },
	{ "errors_accumulate_across_validations_and_report_new_ones", errors_accumulate_across_validations_and_report_new_ones },
	{ "input_reader_marks_only_unpaired_surrogate_and_nul_escapes", input_reader_marks_only_unpaired_surrogate_and_nul_escapes },
	{ "input_reader_marks_member_names_and_the_plain_reader_refuses_lone_surrogates", input_reader_marks_member_names_and_the_plain_reader_refuses_lone_surrogates },
	{ "list_event_trackers_max_results_is_an_integer_from_1_to_100", list_event_trackers_max_results_is_an_integer_from_1_to_100 },
	{ "other_operations_validate_their_own_members", other_operations_validate_their_own_members },
	{ "a_tag_key_given_twice_is_rejected_naming_the_first_and_never_the_key", a_tag_key_given_twice_is_rejected_naming_the_first_and_never_the_key },
	{ "untag_resource_tag_keys_are_tag_keys_each_given_once", untag_resource_tag_keys_are_tag_keys_each_given_once },
	{ "tag_resource_and_list_tags_for_resource_validate_from_the_model", tag_resource_and_list_tags_for_resource_validate_from_the_model },
	{ "messages_are_filled_from_the_shape", messages_are_filled_from_the_shape },
	{ "the_operation_table_holds_the_model_operations_and_services", the_operation_table_holds_the_model_operations_and_services },
	{ "put_events_event_list_must_have_1_to_10_events", put_events_event_list_must_have_1_to_10_events },
	{ "put_events_sent_at_is_a_required_timestamp", put_events_sent_at_is_a_required_timestamp },
	{ "put_events_properties_must_be_a_json_object_of_1_to_1024_characters", put_events_properties_must_be_a_json_object_of_1_to_1024_characters },
	{ "put_events_impression_has_1_to_25_item_ids", put_events_impression_has_1_to_25_item_ids },
	{ "put_events_recommendation_id_has_at_most_40_characters", put_events_recommendation_id_has_at_most_40_characters },
	{ "put_events_metric_attribution_source_is_printable_ascii_not_only_spaces", put_events_metric_attribution_source_is_printable_ascii_not_only_spaces },
	{ NULL, NULL }
};
