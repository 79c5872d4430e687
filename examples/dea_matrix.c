/*
 * examples/dea_matrix.c - DEA on your own arrays, no HDF5 file: the twelve
 * hospitals of Cooper, Seiford & Tone (2007), inputs doctors and nurses,
 * outputs outpatients and inpatients.  Prints CCR (input-oriented, CRS)
 * efficiency, scale efficiency, the input slacks and each DMU's peers.
 * The book's CCR scores: A 1, B 1, C 0.8827, D 1, E 0.7635, F 0.8348,
 * G 0.9020, H 0.7963, I 0.9604, J 0.8706, K 0.9551, L 0.9582.
 *
 *     cc dea_matrix.c $(pkg-config --cflags --libs govidx) -o dea_matrix
 */
#include <govidx.h>
#include <stdio.h>

int main(void)
{
    /* DMUs x variables, column-major: one column per input / output */
    static const double inputs[24] = {20,  19,  25,  27,  22,  55,  33,  31,  30,  50,  53,  38,   /* doctors */
                                      151, 131, 160, 168, 158, 255, 235, 206, 244, 268, 306, 284}; /* nurses */
    static const double outputs[24] = {100, 150, 160, 180, 94, 230, 220, 152, 190, 250, 260, 250, /* outpatients */
                                       90,  50,  55,  72,  66, 90,  88,  80,  100, 100, 147, 120}; /* inpatients */
    static const char *name = "ABCDEFGHIJKL";
    govidx_dea_options opt = GOVIDX_DEA_OPTIONS_INIT; /* radial, CRS, input-oriented, max-slack stage */
    govidx_dea_result *r = NULL;
    size_t n = 12, i, k, n_peers;
    int rc;

    opt.scale = 1; /* also BCC: scale efficiency and the returns-to-scale class */
    rc = govidx_dea_compute(&r, govidx_matrix_view_array(inputs, n, 2), govidx_matrix_view_array(outputs, n, 2),
                            &opt);
    if (rc) {
        fprintf(stderr, "govidx: %s (%s)\n", govidx_last_error(), govidx_strerror(rc));
        return 1;
    }
    printf("DMU  CCR     scale   slack(doctors) slack(nurses)  peers (lambda)\n");
    for (i = 0; i < n; i++) {
        const size_t *peer;
        const double *lambda;
        printf("%c    %.4f  %.4f  %14.4f %13.4f  ", name[i], govidx_dea_efficiency(r)[i],
               govidx_dea_scale_efficiency(r)[i], govidx_dea_input_slacks(r)[i], govidx_dea_input_slacks(r)[i + n]);
        n_peers = govidx_dea_peers(&peer, &lambda, r, i);
        for (k = 0; k < n_peers; k++)
            printf(" %c (%.3f)", name[peer[k]], lambda[k]);
        printf("\n");
    }
    govidx_dea_result_free(r);
    return 0;
}
