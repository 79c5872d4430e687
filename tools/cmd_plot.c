/*
 * tools/cmd_plot.c - `govidx plot`: the report's charts as SVG, PDF or PNG
 * files for papers (tools/chart.c draws them with cairo).
 * SPDX-License-Identifier: MIT
 */
#include "cli.h"
#include "figure.h"

#include <govidx.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

static void usage(FILE *f)
{
    fprintf(f,
            "usage: govidx plot FILE.h5 KIND [--node N] [--year Y] -o FIG.svg|.pdf|.png\n"
            "                   [--from Y0] [--unit CODE] [--variable V] [--ranks] [--bars]\n"
            "                   [--uncertainty N] [--noise F] [--method SPEC.json]\n"
            "                   [--index composite|openness|coverage|collaboration]\n"
            "                   [--width W] [--height H] [--scale S]\n"
            "\n"
            "KIND is one of\n"
            "  ranking   units by score of node N (default the root) in year Y (default the\n"
            "            last), best first; --uncertainty N adds whiskers: the 5-95%% interval\n"
            "            of each score over N Monte Carlo replications with weight noise F\n"
            "            (default 0.25, seed 1)\n"
            "  slope     each unit's score (or rank, --ranks) of node N from year Y0 (default\n"
            "            the year before Y) to year Y\n"
            "  profile   the scores of node N's children (default the root's pillars) for unit\n"
            "            CODE in year Y against the median unit: radar, or bars with --bars\n"
            "  coverage  coverage of unit CODE by top-level district in year Y (district\n"
            "            variable V, default the first), last year's as ticks\n"
            "--index draws ranking and slope charts of a headline index instead of the\n"
            "file's composite (default nodes openness.O, coverage.adjusted, CE).\n"
            "The format follows the extension of -o.  Sizes are in points (default: fitted\n"
            "to the chart); PNG is rendered at S pixels per point (default 2).  Text is set in\n"
            "Noto Sans CJK SC (Debian fonts-noto-cjk), so Chinese names render.\n");
}

static int parse_num(const char *s, double lo, double hi, double *out)
{
    char *end;
    double v = strtod(s, &end);
    if (!*s || *end || !(v >= lo && v <= hi))
        return -1;
    *out = v;
    return 0;
}

int cmd_plot(int argc, char **argv)
{
    const char *file = NULL, *kind = NULL, *out = NULL, *node_code = NULL, *unit_code = NULL, *variable = NULL,
               *spec = NULL, *index = NULL;
    double year = NAN, from = NAN, width = 0, height = 0, scale = 2, reps = 0, noise = 0.25;
    int ranks = 0, bars = 0, i, rc = 0;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *v = i + 1 < argc ? argv[i + 1] : NULL;
        double *target = NULL, lo = 0, hi = 0;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return CLI_EXIT_OK;
        } else if ((!strcmp(a, "-o") || !strcmp(a, "--output")) && v)
            out = argv[++i];
        else if (!strcmp(a, "--node") && v)
            node_code = argv[++i];
        else if (!strcmp(a, "--unit") && v)
            unit_code = argv[++i];
        else if (!strcmp(a, "--variable") && v)
            variable = argv[++i];
        else if (!strcmp(a, "--method") && v)
            spec = argv[++i];
        else if (!strcmp(a, "--index") && v)
            index = argv[++i];
        else if (!strcmp(a, "--ranks"))
            ranks = 1;
        else if (!strcmp(a, "--bars"))
            bars = 1;
        else if (!strcmp(a, "--year") && v)
            target = &year, lo = -100000, hi = 100000;
        else if (!strcmp(a, "--from") && v)
            target = &from, lo = -100000, hi = 100000;
        else if (!strcmp(a, "--width") && v)
            target = &width, lo = 50, hi = 20000;
        else if (!strcmp(a, "--height") && v)
            target = &height, lo = 50, hi = 20000;
        else if (!strcmp(a, "--scale") && v)
            target = &scale, lo = 0.1, hi = 20;
        else if (!strcmp(a, "--uncertainty") && v)
            target = &reps, lo = 2, hi = 1e7;
        else if (!strcmp(a, "--noise") && v)
            target = &noise, lo = 0, hi = 0.999;
        else if (a[0] == '-' && a[1]) {
            fprintf(stderr, "govidx plot: unknown option or missing value: %s\n", a);
            usage(stderr);
            return CLI_EXIT_USAGE;
        } else if (!file)
            file = a;
        else if (!kind)
            kind = a;
        else {
            fprintf(stderr, "govidx plot: unexpected argument: %s\n", a);
            return CLI_EXIT_USAGE;
        }
        if (target) {
            if (parse_num(v, lo, hi, target) ||
                ((target == &year || target == &from || target == &reps) && *target != floor(*target))) {
                fprintf(stderr, "govidx plot: %s: '%s' is not a %s in [%g, %g]\n", a, v,
                        target == &year || target == &from ? "year" : "number", lo, hi);
                return CLI_EXIT_USAGE;
            }
            i++;
        }
    }
    if (!file || !kind || !out) {
        fprintf(stderr, "govidx plot: %s\n", !file ? "no input file" : !kind ? "no chart kind" : "no output (-o FIG.svg|.pdf|.png)");
        usage(stderr);
        return CLI_EXIT_USAGE;
    }
    if (strcmp(kind, "ranking") && strcmp(kind, "slope") && strcmp(kind, "profile") && strcmp(kind, "coverage")) {
        fprintf(stderr, "govidx plot: unknown chart kind '%s' (ranking, slope, profile, coverage)\n", kind);
        return CLI_EXIT_USAGE;
    }
    {
        const char *dot = strrchr(out, '.');
        if (!dot || (strcasecmp(dot, ".svg") && strcasecmp(dot, ".pdf") && strcasecmp(dot, ".png"))) {
            fprintf(stderr, "govidx plot: -o %s: the extension must be .svg, .pdf or .png\n", out);
            return CLI_EXIT_USAGE;
        }
    }
    if (index && !strcmp(index, "composite"))
        index = NULL;
    if (index && strcmp(index, "openness") && strcmp(index, "coverage") && strcmp(index, "collaboration")) {
        fprintf(stderr, "govidx plot: --index takes composite, openness, coverage or collaboration, not '%s'\n", index);
        return CLI_EXIT_USAGE;
    }
    if (index && (strcmp(kind, "ranking") && strcmp(kind, "slope"))) {
        fprintf(stderr, "govidx plot: --index %s applies to ranking and slope charts\n", index);
        return CLI_EXIT_USAGE;
    }
    if (index && reps > 0) {
        fprintf(stderr, "govidx plot: --uncertainty applies to the composite only\n");
        return CLI_EXIT_USAGE;
    }
    if ((!strcmp(kind, "profile") || !strcmp(kind, "coverage")) && !unit_code) {
        fprintf(stderr, "govidx plot: %s needs --unit CODE\n", kind);
        return CLI_EXIT_USAGE;
    }

    govidx_dataset *ds = NULL;
    govidx_plan *plan = NULL;
    govidx_result *r = NULL;
    govidx_uncertainty *unc = NULL;
    figure fig;
    const char *err = NULL;
    size_t y, node, unit;
    memset(&fig, 0, sizeof fig);
    if (!index) {
        if (figure_compute(&ds, &plan, &r, file, spec))
            return CLI_EXIT_FAIL;
    } else {
        if ((rc = cli_dataset_open(&ds, file, NULL, NULL)))
            return CLI_EXIT_FAIL;
        if (!strcmp(index, "openness"))
            rc = govidx_openness_compute(&r, ds, NULL);
        else if (!strcmp(index, "coverage"))
            rc = govidx_coverage_compute(&r, ds, NULL);
        else
            rc = govidx_collaboration_compute(&r, ds, NULL);
        if (rc) {
            cli_report(index, rc);
            govidx_dataset_close(ds);
            return CLI_EXIT_FAIL;
        }
        if (!node_code)
            node_code = !strcmp(index, "openness") ? "openness.O" : !strcmp(index, "coverage") ? "coverage.adjusted" : "CE";
    }
    size_t ny = govidx_result_n_years(r);
    if (isnan(year))
        y = ny - 1;
    else if ((rc = govidx_result_find_year(&y, r, (int)year))) {
        cli_report("--year", rc);
        goto done;
    }
    if (node_code) {
        if ((rc = govidx_result_find_node(&node, r, node_code))) {
            cli_report("--node", rc);
            goto done;
        }
    } else if ((node = figure_root(ds, r)) == (size_t)-1) {
        fprintf(stderr, "govidx plot: the file's framework has no root\n");
        rc = GOVIDX_ENOTFOUND;
        goto done;
    }
    if (unit_code && (rc = govidx_result_find_unit(&unit, r, unit_code))) {
        cli_report("--unit", rc);
        goto done;
    }
    if (!strcmp(kind, "ranking")) {
        if (reps > 0) {
            govidx_uncertainty_options uo = GOVIDX_UNCERTAINTY_OPTIONS_INIT;
            uo.replications = (size_t)reps;
            uo.seed = 1;
            uo.weights_noise = noise;
            if ((rc = govidx_uncertainty_run_dataset(&unc, plan, ds, &uo))) {
                cli_report("--uncertainty", rc);
                goto done;
            }
        }
        rc = figure_ranking(&fig, ds, r, node, y, unc);
    } else if (!strcmp(kind, "slope")) {
        size_t y0;
        if (isnan(from)) {
            if (y == 0) {
                fprintf(stderr, "govidx plot: slope: %d is the first year; give --from\n", govidx_result_year(r, y));
                rc = GOVIDX_EINVAL;
                goto done;
            }
            y0 = y - 1;
        } else if ((rc = govidx_result_find_year(&y0, r, (int)from))) {
            cli_report("--from", rc);
            goto done;
        }
        rc = figure_slope(&fig, ds, r, node, y0, y, ranks);
    } else if (!strcmp(kind, "profile"))
        rc = figure_profile(&fig, ds, r, unit, y, node, !bars);
    else {
        size_t du, dy;
        if ((rc = govidx_dataset_find_unit(&du, ds, unit_code)) ||
            (rc = govidx_dataset_find_year(&dy, ds, govidx_result_year(r, y)))) {
            cli_report("coverage", rc);
            goto done;
        }
        rc = figure_coverage(&fig, ds, du, dy, variable);
    }
    if (rc) {
        fprintf(stderr, "govidx plot: %s\n", fig.err);
        goto done;
    }
    if (chart_write_file(out, &fig.c, width, height, scale, &err)) {
        fprintf(stderr, "govidx plot: %s: %s\n", out, err ? err : "cannot draw the chart");
        rc = -1;
    }
done:
    figure_free(&fig);
    govidx_uncertainty_free(unc);
    govidx_result_free(r);
    govidx_plan_free(plan);
    govidx_dataset_close(ds);
    return rc ? CLI_EXIT_FAIL : CLI_EXIT_OK;
}
