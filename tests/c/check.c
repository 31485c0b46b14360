/* The test framework; see check.h. */
#include "check.h"
#include "wasm_exports.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *current_test = "(no test)";
static const char *current_context;
static long checks, failures;

void pw_test_set_context(const char *context)
{
	current_context = context;
}

static void fail_prefix(const char *file, int line)
{
	const char *base = strrchr(file, '/');

	printf("FAIL %s", current_test);
	if (current_context != NULL) printf(" [%s]", current_context);
	printf(" (%s:%d): ", base != NULL ? base + 1 : file, line);
}

/* Prints bytes as a C-ish literal on one line; at most about 120 bytes from start. */
static void print_escaped(const unsigned char *s, size_t len, size_t start)
{
	size_t i, end;

	if (start > len) start = len;
	end = len - start > 120 ? start + 120 : len;
	putchar('"');
	if (start > 0) printf("...");
	for (i = start; i < end; i++) {
		unsigned char c = s[i];
		if (c == '\n') printf("\\n");
		else if (c == '\r') printf("\\r");
		else if (c == '\t') printf("\\t");
		else if (c == '"' || c == '\\') printf("\\%c", c);
		else if (c < 0x20 || c >= 0x7F) printf("\\x%02X", c);
		else putchar(c);
	}
	if (end < len) printf("...");
	putchar('"');
}

long pw_test_failure_count(void)
{
	return failures;
}

int pw_check(int ok, const char *file, int line, const char *expr)
{
	checks++;
	if (ok) return 1;
	failures++;
	fail_prefix(file, line);
	printf("expected %s\n", expr);
	return 0;
}

int pw_check_mem(const void *actual, size_t actual_len, const void *expected, size_t expected_len,
	const char *file, int line, const char *expr)
{
	const unsigned char *a = actual, *e = expected;
	size_t diff = 0, start;

	checks++;
	if (a != NULL && e != NULL && actual_len == expected_len && memcmp(a, e, actual_len) == 0) return 1;
	failures++;
	fail_prefix(file, line);
	if (a == NULL || e == NULL) {
		printf("%s is %s\n", expr, a == NULL ? "NULL" : "not NULL where NULL was not expected");
		return 0;
	}
	while (diff < actual_len && diff < expected_len && a[diff] == e[diff]) diff++;
	start = diff > 40 ? diff - 40 : 0;
	printf("%s differs at byte %zu: got ", expr, diff);
	print_escaped(a, actual_len, start);
	printf(" (%zu bytes), expected ", actual_len);
	print_escaped(e, expected_len, start);
	printf(" (%zu bytes)\n", expected_len);
	return 0;
}

int pw_check_str(const char *actual, const char *expected, const char *file, int line, const char *expr)
{
	return pw_check_mem(actual, actual != NULL ? strlen(actual) : 0, expected,
		expected != NULL ? strlen(expected) : 0, file, line, expr);
}

int pw_check_long(long actual, long expected, const char *file, int line, const char *expr)
{
	checks++;
	if (actual == expected) return 1;
	failures++;
	fail_prefix(file, line);
	printf("%s is %ld, expected %ld\n", expr, actual, expected);
	return 0;
}

void pw_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	checks++;
	failures++;
	fail_prefix(file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

int pw_run_tests(const struct pw_test *const *tables, const char *only)
{
	const struct pw_test *const *t;
	const struct pw_test *test;
	long tests = 0;

	for (t = tables; *t != NULL; t++) {
		for (test = *t; test->name != NULL; test++) {
			if (only != NULL && strstr(test->name, only) == NULL) continue;
			current_test = test->name;
			current_context = NULL;
			test->run();
			tests++;
		}
	}
	current_test = "(no test)";
	current_context = NULL;
	printf("%ld tests, %ld checks, %ld failures\n", tests, checks, failures);
	if (tests == 0) printf("no test matched %s\n", only != NULL ? only : "(all)");
	fflush(stdout);
	return failures > 0 || tests == 0 ? 1 : 0;
}

struct pw_header pw_test_header(const char *name, const char *value)
{
	struct pw_header h;

	h.name = name;
	h.name_len = strlen(name);
	h.value = value;
	h.value_len = strlen(value);
	return h;
}

char *pw_test_buffer(const char *s)
{
	size_t n = strlen(s);
	char *p = malloc(n > 0 ? n : 1);

	if (p != NULL) memcpy(p, s, n);
	return p;
}

int pw_test_all_zero(const char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) if (p[i] != 0) return 0;
	return 1;
}

void pw_test_free(char *p, size_t n)
{
	if (p == NULL) return;
	memset(p, 0, n);
	free(p);
}
