/* Shared by the runtime tests' harnesses (not instrumented). */
#ifndef KCOV_EXT_TEST_EXPECT_H
#define KCOV_EXT_TEST_EXPECT_H

#include <stdio.h>
#include <stdlib.h>

#include "kcov_rt.h"

/* Stop the test at the first broken expectation, naming it. */
#define EXPECT(cond) do { \
	if (!(cond)) { \
		printf("FAIL %s:%d: %s\n", __FILE__, __LINE__, #cond); \
		exit(1); \
	} \
} while (0)

/* The two halves of a KCOV_TRACE_PC_EXT record. */
#define TYPE(r) ((r) & KCOV_RECORDFLAG_TYPEMASK)
#define IP(r) ((r) & KCOV_RECORD_IP_MASK)

#endif /* KCOV_EXT_TEST_EXPECT_H */
