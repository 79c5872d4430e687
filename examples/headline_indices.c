/*
 * examples/headline_indices.c - the three headline indices of a city
 * dataset for every city and year: openness, coverage and collaboration
 * efficiency, each one library call returning a govidx_result.  Prints the
 * latest year's table with ranks and each city's worst-covered communities.
 *
 *     cc headline_indices.c $(pkg-config --cflags --libs govidx) -o headline_indices
 *     ./headline_indices city.h5
 */
#include <govidx.h>
#include <stdio.h>

static int fail(int rc)
{
    fprintf(stderr, "govidx: %s (%s)\n", govidx_last_error(), govidx_strerror(rc));
    return 1;
}

/* Score and rank of one unit (by code) in one year (by label) at one node
 * (by code): results are looked up by codes, never by positions. */
static void cell(const govidx_result *r, const char *unit, int year, const char *node)
{
    size_t u, y, k;
    if (govidx_result_find_unit(&u, r, unit) || govidx_result_find_year(&y, r, year) ||
        govidx_result_find_node(&k, r, node) || govidx_result_rank(r, u, y, k) == 0) {
        printf("  %8s %4s", "-", "");
        return;
    }
    printf("  %8.2f %4zu", govidx_result_score(r, u, y, k), govidx_result_rank(r, u, y, k));
}

int main(int argc, char **argv)
{
    govidx_dataset *ds = NULL;
    govidx_result *open = NULL, *cover = NULL, *collab = NULL;
    govidx_coverage_options cov = GOVIDX_COVERAGE_OPTIONS_INIT;
    size_t u, y, i;
    int rc, year;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.h5\n", argv[0]);
        return 2;
    }
    /* A file from elsewhere is checked in a separate process first. */
    if ((rc = govidx_dataset_validate_file(argv[1], GOVIDX_VALIDATE_ISOLATED, NULL, NULL)) ||
        (rc = govidx_dataset_open(&ds, argv[1], NULL)))
        return fail(rc);
    /* NULL method / options: the documented defaults of each index. */
    if ((rc = govidx_openness_compute(&open, ds, NULL)) || (rc = govidx_coverage_compute(&cover, ds, &cov)) ||
        (rc = govidx_collaboration_compute(&collab, ds, NULL))) {
        govidx_result_free(open);
        govidx_result_free(cover);
        govidx_dataset_close(ds);
        return fail(rc);
    }
    y = govidx_result_n_years(collab) - 1;
    year = govidx_result_year(collab, y);
    printf("%d\n", year);
    printf("%-12s  %-13s  %-13s  %-13s   %s\n", "", "openness O", "coverage", "collaboration", "");
    printf("%-12s  %8s %4s  %8s %4s  %8s %4s   %s\n", "city", "score", "rank", "adjusted", "rank", "CE",
           "rank", "worst-covered communities");
    for (u = 0; u < govidx_dataset_n_units(ds); u++) {
        const char *city = govidx_dataset_unit_code(ds, u);
        size_t cu, cy;
        printf("%-12s", city);
        cell(open, city, year, "O");
        cell(cover, city, year, "coverage.adjusted");
        cell(collab, city, year, "CE");
        printf("  ");
        if (!govidx_result_find_unit(&cu, cover, city) && !govidx_result_find_year(&cy, cover, year))
            for (i = 0; i < govidx_result_n_labels(cover, cu, cy, GOVIDX_COVERAGE_WORST); i++)
                printf(" %s", govidx_result_label(cover, cu, cy, GOVIDX_COVERAGE_WORST, i));
        printf("\n");
    }
    govidx_result_free(open);
    govidx_result_free(cover);
    govidx_result_free(collab);
    govidx_dataset_close(ds);
    return 0;
}
