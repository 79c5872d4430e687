/*
 * examples/dataset_summary.c - open a city dataset and print its summary.
 *
 * Build against the installed library:
 *     cc dataset_summary.c $(pkg-config --cflags --libs govidx) -o dataset_summary
 * Run:
 *     ./dataset_summary datasets/demo-cities.h5
 *
 * Files from third parties should be checked first in a separate process
 * (govidx_dataset_validate_file with GOVIDX_VALIDATE_ISOLATED): HDF5 itself can
 * crash on some corrupted files.
 */
#include <govidx.h>
#include <stdio.h>

static void print_problem(void *ctx, const char *object, const char *message)
{
    (void)ctx;
    fprintf(stderr, "  %s: %s\n", object, message);
}

int main(int argc, char **argv)
{
    govidx_dataset *ds = NULL;
    char *text = NULL;
    int rc;

    if (argc != 2) {
        fprintf(stderr, "usage: %s FILE.h5\n", argv[0]);
        return 2;
    }
    if (govidx_version(NULL, NULL, NULL) != GOVIDX_VERSION_NUMBER)
        fprintf(stderr, "warning: headers %s, library %s\n", GOVIDX_VERSION_STRING,
                govidx_version_string());

    rc = govidx_dataset_validate_file(argv[1], GOVIDX_VALIDATE_ISOLATED, print_problem, NULL);
    if (rc != GOVIDX_OK) {
        fprintf(stderr, "%s is not a valid city dataset (%s)\n", argv[1], govidx_strerror(rc));
        return 1;
    }
    rc = govidx_dataset_open(&ds, argv[1], NULL);
    if (rc == GOVIDX_OK)
        rc = govidx_dataset_summary(&text, ds);
    if (rc != GOVIDX_OK) {
        fprintf(stderr, "%s: %s\n", argv[1], govidx_last_error());
        govidx_dataset_close(ds);
        return 1;
    }
    printf("%s", text);
    govidx_free(text);
    govidx_dataset_close(ds);
    return 0;
}
