/* tests/test_core.c - version, errors, allocator, matrix views. */
#include "govidx.h"
#include "gxtest.h"

static void test_version(void)
{
    int ma = -1, mi = -1, pa = -1;
    CU_ASSERT_EQUAL(govidx_version(&ma, &mi, &pa), GOVIDX_VERSION_NUMBER);
    CU_ASSERT_EQUAL(ma, GOVIDX_VERSION_MAJOR);
    CU_ASSERT_EQUAL(mi, GOVIDX_VERSION_MINOR);
    CU_ASSERT_EQUAL(pa, GOVIDX_VERSION_PATCH);
    CU_ASSERT_STRING_EQUAL(govidx_version_string(), GOVIDX_VERSION_STRING);
    CU_ASSERT_EQUAL(govidx_version(NULL, NULL, NULL), GOVIDX_VERSION_NUMBER);
}

static void test_strerror(void)
{
    int codes[] = {GOVIDX_OK, GOVIDX_EINVAL, GOVIDX_ENOMEM, GOVIDX_EIO, GOVIDX_EFORMAT, GOVIDX_EDIM,
                   GOVIDX_ENUMERIC, GOVIDX_ENOTFOUND, GOVIDX_ECYCLE, GOVIDX_EDOMAIN,
                   GOVIDX_EINFEASIBLE, GOVIDX_EUNBOUNDED, GOVIDX_ESOLVER, GOVIDX_ECANCELED,
                   GOVIDX_EEXIST, GOVIDX_EMISSING};
    size_t i, j;
    for (i = 0; i < sizeof codes / sizeof codes[0]; i++) {
        CU_ASSERT_PTR_NOT_NULL(govidx_strerror(codes[i]));
        CU_ASSERT_STRING_NOT_EQUAL(govidx_strerror(codes[i]), "unknown status code");
        for (j = 0; j < i; j++)
            CU_ASSERT_STRING_NOT_EQUAL(govidx_strerror(codes[i]), govidx_strerror(codes[j]));
    }
    CU_ASSERT_STRING_EQUAL(govidx_strerror(-9999), "unknown status code");
}

static void test_matrix_checks(void)
{
    double a[6] = {1, 2, 3, 4, 5, 6};
    govidx_matrix_view v = govidx_matrix_view_array(a, 3, 2);
    CU_ASSERT_EQUAL(v.ld, 3);
    GX_ASSERT_OK(govidx_matrix_check(v));
    GX_ASSERT_OK(govidx_matrix_check_finite(v, 0));
    CU_ASSERT_EQUAL(govidx_matrix_count_missing(v), 0);

    a[4] = NAN;
    CU_ASSERT_EQUAL(govidx_matrix_count_missing(v), 1);
    GX_ASSERT_OK(govidx_matrix_check_finite(v, 1));
    GX_ASSERT_RC(govidx_matrix_check_finite(v, 0), GOVIDX_ENUMERIC);
    /* the message names the cell: row 1, column 1 */
    CU_ASSERT_PTR_NOT_NULL(strstr(govidx_last_error(), "row 1, column 1"));
    a[4] = INFINITY;
    GX_ASSERT_RC(govidx_matrix_check_finite(v, 1), GOVIDX_ENUMERIC);

    v.ld = 2;
    GX_ASSERT_RC(govidx_matrix_check(v), GOVIDX_EDIM);
    v = govidx_matrix_view_array(NULL, 3, 2);
    GX_ASSERT_RC(govidx_matrix_check(v), GOVIDX_EINVAL);
    v = govidx_matrix_view_array(a, 0, 2);
    GX_ASSERT_RC(govidx_matrix_check(v), GOVIDX_EDIM);
    /* sizes that overflow size_t are refused before anything touches memory */
    v = govidx_matrix_view_array(a, (size_t)1 << 40, (size_t)1 << 40);
    GX_ASSERT_RC(govidx_matrix_check(v), GOVIDX_EDIM);

    {
        govidx_matrix m = govidx_matrix_array(a, 2, 3);
        govidx_matrix_view c = govidx_matrix_const(m);
        CU_ASSERT_PTR_EQUAL(c.data, a);
        CU_ASSERT_EQUAL(c.rows, 2);
        CU_ASSERT_EQUAL(c.cols, 3);
        CU_ASSERT_EQUAL(c.ld, 2);
    }
}

static size_t n_mallocs;
static void *count_malloc(void *ctx, size_t n) { (void)ctx; n_mallocs++; return malloc(n); }
static void *count_realloc(void *ctx, void *p, size_t n) { (void)ctx; return realloc(p, n); }
static void count_free(void *ctx, void *p) { (void)ctx; free(p); }

static void test_allocator(void)
{
    govidx_allocator bad = {99, count_malloc, count_realloc, count_free, NULL};
    govidx_allocator good = {GOVIDX_ALLOCATOR_VERSION, count_malloc, count_realloc, count_free, NULL};
    GX_ASSERT_RC(govidx_set_allocator(&bad), GOVIDX_EINVAL);
    good.free_fn = NULL;
    GX_ASSERT_RC(govidx_set_allocator(&good), GOVIDX_EINVAL);
    good.free_fn = count_free;
    GX_ASSERT_OK(govidx_set_allocator(&good));
    GX_ASSERT_OK(govidx_set_allocator(NULL));
    govidx_free(NULL); /* NULL-safe */
}

static void test_last_error_clear(void)
{
    double a[1] = {NAN};
    govidx_matrix_check_finite(govidx_matrix_view_array(a, 1, 1), 0);
    CU_ASSERT_STRING_NOT_EQUAL(govidx_last_error(), "");
    govidx_clear_error();
    CU_ASSERT_STRING_EQUAL(govidx_last_error(), "");
}

static CU_TestInfo tests[] = {
    {"version macros match the library", test_version},
    {"every status has its own text", test_strerror},
    {"matrix view checks", test_matrix_checks},
    {"allocator installation", test_allocator},
    {"last error is thread-local text and clears", test_last_error_clear},
    CU_TEST_INFO_NULL,
};

static CU_SuiteInfo suites[] = {
    {"core", NULL, NULL, NULL, NULL, tests},
    CU_SUITE_INFO_NULL,
};

int main(void)
{
    return gx_run(suites);
}
