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

#include "validate_cases.h"

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
	{ NULL, NULL }
};
