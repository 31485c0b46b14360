/* The native unit tests' entry point.
 *
 *   unit_tests SUITE_DIR [NAME_PART]
 *
 * SUITE_DIR is the AWS SigV4 test suite's v4 folder (required; a missing suite is a failure).
 * NAME_PART, when given, runs only the tests whose name contains it. Exits 1 when a check
 * failed. */
#include <stdio.h>

#include "check.h"

const char *pw_test_suite_dir;

int main(int argc, char **argv)
{
	static const struct pw_test *const tables[] = {
		pw_tests_sigv4_suite,
		pw_tests_sigv4_steps,
		pw_tests_sigv4_signing,
		pw_tests_sigv4_keys,
		pw_tests_validate,
		pw_tests_validate_ops,
		pw_tests_payload,
		pw_tests_response,
		pw_tests_endpoint,
		pw_tests_calls,
		pw_tests_call_errors,
		pw_tests_exports,
		pw_tests_handles,
		pw_tests_memory,
		pw_tests_stack,
		NULL
	};

	/* Without an argument, the folder build.sh passes, relative to the project root. */
	pw_test_suite_dir = argc > 1 ? argv[1] : "../shared/sigv4-test-suite/v4";
	return pw_run_tests(tables, argc > 2 ? argv[2] : NULL);
}
