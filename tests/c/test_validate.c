#include "check.h"
const struct pw_test pw_tests_validate[] = { { NULL, NULL } };
