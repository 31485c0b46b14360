#include "check.h"
const struct pw_test pw_tests_sigv4_steps[] = { { NULL, NULL } };
