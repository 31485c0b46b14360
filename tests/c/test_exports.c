#include "check.h"
const struct pw_test pw_tests_exports[] = { { NULL, NULL } };
