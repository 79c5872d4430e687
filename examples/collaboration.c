/*
 * examples/collaboration.c - the collaboration-efficiency index of a city
 * dataset and the structure of one city's actor network.
 *
 * Build against the installed library:
 *     cc collaboration.c $(pkg-config --cflags --libs govidx) -o collaboration
 * Run:
 *     ./collaboration datasets/demo-cities.h5 beijing
 */
#include <govidx.h>
#include <stdio.h>
#include <string.h>

int main(int argc, char **argv)
{
    govidx_dataset *ds = NULL;
    govidx_result *res = NULL;
    govidx_network *net = NULL;
    govidx_collaboration_options opt = GOVIDX_COLLABORATION_OPTIONS_INIT;
    double v[GOVIDX_NET_N_MEASURES];
    size_t unit, k, last;
    int rc, year;

    if (argc != 3) {
        fprintf(stderr, "usage: %s FILE.h5 CITY\n", argv[0]);
        return 2;
    }
    rc = govidx_dataset_open(&ds, argv[1], NULL);
    if (!rc)
        rc = govidx_dataset_find_unit(&unit, ds, argv[2]);
    if (!rc) /* CE = geometric mean of the network, process, DEA and coupling layers */
        rc = govidx_collaboration_compute(&res, ds, &opt);
    if (rc) {
        fprintf(stderr, "govidx: %s (%s)\n", govidx_last_error(), govidx_strerror(rc));
        govidx_dataset_close(ds);
        return 1;
    }
    last = govidx_result_n_years(res) - 1;
    year = govidx_result_year(res, last);
    printf("%s, %d\n", argv[2], year);
    for (k = 0; k < govidx_result_n_nodes(res); k++) {
        const char *code = govidx_result_node_code(res, k);
        if (!strcmp(code, "CE") || (strlen(code) == 5 && !strncmp(code, "CE.C", 4)))
            printf("  %-6s %.3f  rank %zu\n", code, govidx_result_score(res, unit, last, k),
                   govidx_result_rank(res, unit, last, k));
    }
    /* The data-sharing network behind layer C1. */
    rc = govidx_network_from_dataset(&net, ds, argv[2], year, "data");
    if (!rc)
        rc = govidx_network_measures(v, NULL, GOVIDX_NET_N_MEASURES, net, NULL);
    if (!rc)
        printf("  data network: %g actors, %g ties, density %.3f, E-I %.3f, %g silo(s), hierarchy %.3f\n",
               v[GOVIDX_NET_ACTORS], v[GOVIDX_NET_TIES], v[GOVIDX_NET_DENSITY], v[GOVIDX_NET_EI_INDEX],
               v[GOVIDX_NET_SILOS], v[GOVIDX_NET_HIERARCHY]);
    else
        fprintf(stderr, "govidx: %s (%s)\n", govidx_last_error(), govidx_strerror(rc));
    govidx_network_free(net);
    govidx_result_free(res);
    govidx_dataset_close(ds);
    return rc ? 1 : 0;
}
