/*
 * tests/gxtest.h - shared helpers for govidx's CUnit suites.
 *
 * A suite file defines its tests and calls gx_run() from main:
 *
 *     static CU_TestInfo tests[] = { {"name", fn}, CU_TEST_INFO_NULL };
 *     static CU_SuiteInfo suites[] = { {"suite", NULL, NULL, NULL, NULL, tests},
 *                                      CU_SUITE_INFO_NULL };
 *     int main(void) { return gx_run(suites); }
 *
 * gx_run returns non-zero when any assertion failed: CU_basic_run_tests()
 * itself returns 0 even then (verified on Debian 12's CUnit 2.1-3).
 * With GX_ONLY set in the environment, only the tests whose names contain
 * that text run (tools/check-tsan.sh uses it for the threaded DEA tests).
 */
#ifndef GXTEST_H
#define GXTEST_H

#include <CUnit/Basic.h>
#include <CUnit/CUnit.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Keep only the tests whose names contain `only` (in place). */
static inline void gx_filter(CU_SuiteInfo *suites, const char *only)
{
    for (CU_SuiteInfo *s = suites; s->pName; s++) {
        CU_TestInfo *in = s->pTests, *out = s->pTests;
        for (; in->pName; in++)
            if (strstr(in->pName, only))
                *out++ = *in;
        out->pName = NULL;
        out->pTestFunc = NULL;
    }
}

static inline int gx_run(CU_SuiteInfo *suites)
{
    unsigned failures;
    const char *only = getenv("GX_ONLY");
    if (only && *only)
        gx_filter(suites, only);
    if (CU_initialize_registry() != CUE_SUCCESS)
        return 2;
    if (CU_register_suites(suites) != CUE_SUCCESS) {
        CU_cleanup_registry();
        return 2;
    }
    CU_basic_set_mode(CU_BRM_VERBOSE);
    CU_basic_run_tests();
    failures = CU_get_number_of_failures() + CU_get_number_of_suites_failed();
    CU_cleanup_registry();
    return failures ? 1 : 0;
}

/* |got - want| <= tol, or both NaN. */
#define GX_ASSERT_CLOSE(got, want, tol)                                                   \
    do {                                                                                  \
        double gx_g_ = (got), gx_w_ = (want);                                             \
        int gx_ok_ = (isnan(gx_g_) && isnan(gx_w_)) || fabs(gx_g_ - gx_w_) <= (tol);      \
        if (!gx_ok_)                                                                      \
            fprintf(stderr, "  %s:%d: %s = %.12g, expected %.12g (tol %g)\n", __FILE__,   \
                    __LINE__, #got, gx_g_, gx_w_, (double)(tol));                         \
        CU_ASSERT(gx_ok_);                                                                \
    } while (0)

/* Status assertion that prints govidx_last_error() on mismatch. */
#define GX_ASSERT_RC(call, want)                                                          \
    do {                                                                                  \
        int gx_rc_ = (call);                                                              \
        if (gx_rc_ != (want))                                                             \
            fprintf(stderr, "  %s:%d: %s returned %d (%s), expected %d\n", __FILE__,      \
                    __LINE__, #call, gx_rc_, govidx_last_error(), (int)(want));           \
        CU_ASSERT_EQUAL(gx_rc_, (want));                                                  \
    } while (0)

#define GX_ASSERT_OK(call) GX_ASSERT_RC(call, 0)

#ifdef GOVIDX_H
/* Index of the result node with this code (a failed assertion and 0 when absent). */
static inline size_t gx_result_node(const govidx_result *r, const char *code)
{
    size_t k;
    for (k = 0; k < govidx_result_n_nodes(r); k++)
        if (!strcmp(govidx_result_node_code(r, k), code))
            return k;
    CU_FAIL("result node not found");
    return 0;
}
#endif

/* Path of a file in the source tree: $GOVIDX_SRCDIR/rel (static buffer per call site). */
static inline const char *gx_srcpath(char *buf, size_t n, const char *rel)
{
    const char *top = getenv("GOVIDX_SRCDIR");
    snprintf(buf, n, "%s/%s", top ? top : ".", rel);
    return buf;
}

/* Path in the build tree, for temporary outputs. */
static inline const char *gx_buildpath(char *buf, size_t n, const char *rel)
{
    const char *top = getenv("GOVIDX_BUILDDIR");
    snprintf(buf, n, "%s/%s", top ? top : ".", rel);
    return buf;
}

#endif /* GXTEST_H */
