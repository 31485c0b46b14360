#include "check.h"
const struct pw_test pw_tests_payload[] = { { NULL, NULL } };
