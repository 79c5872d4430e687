/*
 * examples/dataset_index.c - compute a city dataset's index tree through
 * plan/execute and store the run back in the file, then list its runs.
 *
 * Build against the installed library:
 *     cc dataset_index.c $(pkg-config --cflags --libs govidx) -o dataset_index
 * Run on a COPY (the run is added to the file, atomically):
 *     cp datasets/demo-cities.h5 city.h5 && ./dataset_index city.h5
 */
#include <govidx.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int fail(const char *what, int rc)
{
    fprintf(stderr, "%s: %s (%s)\n", what, govidx_last_error(), govidx_strerror(rc));
    return 1;
}

int main(int argc, char **argv)
{
    govidx_dataset *ds = NULL;
    govidx_method *m = NULL;
    govidx_plan *plan = NULL;
    govidx_result *res = NULL;
    govidx_run *run = NULL;
    char **names = NULL;
    size_t n_runs = 0, k, u, root = 0, last;
    const char *root_code = NULL;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.h5\n", argv[0]);
        return 2;
    }
    /* Untrusted files: check them in a separate process first. */
    if ((rc = govidx_dataset_validate_file(argv[1], GOVIDX_VALIDATE_ISOLATED, NULL, NULL)))
        return fail("validate", rc);
    if ((rc = govidx_dataset_open(&ds, argv[1], NULL)))
        return fail("open", rc);
    /* The default method: min-max 0-100 per year, weighted arithmetic means. */
    if (!(rc = govidx_method_new(&m)) && !(rc = govidx_plan_from_dataset(&plan, ds, m)))
        rc = govidx_execute_dataset(&res, plan, ds);
    /* The root is the framework node without a parent. */
    for (k = 0; !rc && k < govidx_dataset_n_nodes(ds); k++) {
        govidx_node node = GOVIDX_NODE_INIT;
        if (govidx_dataset_node(&node, ds, k) == GOVIDX_OK && !node.parent)
            root_code = node.code;
    }
    for (k = 0; !rc && root_code && k < govidx_result_n_nodes(res); k++)
        if (!strcmp(govidx_result_node_code(res, k), root_code))
            root = k;
    govidx_dataset_close(ds); /* the file must not be open while it is rewritten */
    if (rc)
        return fail("compute", rc);

    last = govidx_result_n_years(res) - 1;
    printf("%s in %d, top 3:\n", govidx_result_node_code(res, root), govidx_result_year(res, last));
    /* (root_code pointed into the closed dataset; the result keeps its own copy) */
    for (k = 1; k <= 3; k++)
        for (u = 0; u < govidx_result_n_units(res); u++)
            if (govidx_result_rank(res, u, last, root) == k)
                printf("  %zu. %-10s %6.2f\n", k, govidx_result_unit_code(res, u),
                       govidx_result_score(res, u, last, root));

    /* Store the run as /results/example-default, replacing an older one. */
    if ((rc = govidx_result_to_run(&run, res, "example-default")) ||
        (rc = govidx_run_set_input_checksum(run, argv[1])) ||
        (rc = govidx_run_file_add(argv[1], run, GOVIDX_WRITE_REPLACE)))
        return fail("write", rc);
    if ((rc = govidx_run_file_list(&names, &n_runs, argv[1])))
        return fail("list", rc);
    printf("runs in %s:", argv[1]);
    for (k = 0; k < n_runs; k++)
        printf(" %s", names[k]);
    printf("\n");
    govidx_free(names); /* one block: the pointers and the strings */
    govidx_run_free(run);
    govidx_result_free(res);
    govidx_plan_free(plan);
    govidx_method_free(m);
    return 0;
}
