/* A tiny test framework for the native unit tests: checks that count and report, and tables of
 * named tests. A failed check prints one line (test name, place, what differed) and the test
 * goes on, so one run shows every difference. */
#ifndef PW_CHECK_H
#define PW_CHECK_H

#include <stddef.h>

#include "sigv4.h"

struct pw_test {
	const char *name;   /* the behaviour it proves */
	void (*run)(void);
};

/* Each test file exports one table, ended by { NULL, NULL }; main.c lists the tables. */
extern const struct pw_test pw_tests_sigv4_suite[];
extern const struct pw_test pw_tests_sigv4_steps[];
extern const struct pw_test pw_tests_sigv4_signing[];
extern const struct pw_test pw_tests_sigv4_keys[];
extern const struct pw_test pw_tests_validate[];
extern const struct pw_test pw_tests_validate_ops[];
extern const struct pw_test pw_tests_payload[];
extern const struct pw_test pw_tests_response[];
extern const struct pw_test pw_tests_endpoint[];
extern const struct pw_test pw_tests_calls[];
extern const struct pw_test pw_tests_call_errors[];
extern const struct pw_test pw_tests_exports[];
extern const struct pw_test pw_tests_handles[];
extern const struct pw_test pw_tests_memory[];
extern const struct pw_test pw_tests_stack[];

/* The SigV4 conformance suite folder (argv[1]). */
extern const char *pw_test_suite_dir;

/* Extra words printed with each failure of the running test (e.g. the suite case), or NULL. */
void pw_test_set_context(const char *context);

/* Each returns 1 when the check passed. */
int pw_check(int ok, const char *file, int line, const char *expr);
int pw_check_str(const char *actual, const char *expected, const char *file, int line, const char *expr);
int pw_check_mem(const void *actual, size_t actual_len, const void *expected, size_t expected_len,
	const char *file, int line, const char *expr);
int pw_check_long(long actual, long expected, const char *file, int line, const char *expr);
/* A header of two C strings, for building requests and responses in tests. */
struct pw_header pw_test_header(const char *name, const char *value);
/* A writable copy of s in a malloc'd buffer (not NUL-terminated), as the glue passes strings;
 * pw_test_free clears and frees it. */
char *pw_test_buffer(const char *s);
void pw_test_free(char *p, size_t n);
/* 1 when all n bytes at p are zero. */
int pw_test_all_zero(const char *p, size_t n);

/* Fails with a free-form message. */
void pw_fail(const char *file, int line, const char *fmt, ...);

#define CHECK(cond) pw_check((cond) ? 1 : 0, __FILE__, __LINE__, #cond)
/* NULL never equals a string. */
#define CHECK_STR_EQ(actual, expected) pw_check_str((actual), (expected), __FILE__, __LINE__, #actual)
#define CHECK_MEM_EQ(actual, actual_len, expected, expected_len) \
	pw_check_mem((actual), (actual_len), (expected), (expected_len), __FILE__, __LINE__, #actual)
#define CHECK_INT_EQ(actual, expected) pw_check_long((long)(actual), (long)(expected), __FILE__, __LINE__, #actual)
#define FAIL(...) pw_fail(__FILE__, __LINE__, __VA_ARGS__)

/* How many checks failed so far (to tell whether one part of a test passed). */
long pw_test_failure_count(void);

/* Runs every test of the tables; returns the number of failed checks. */
int pw_run_tests(const struct pw_test *const *tables, const char *only);

#endif
