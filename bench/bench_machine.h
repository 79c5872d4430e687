/*
 * bench/bench_machine.h - the header line every bench/ program prints first,
 * so a figure read anywhere says where it was measured: the CPU model, the
 * online CPUs, the date (UTC) and the load average at the start.  The
 * programs print their speed-ups as ratios to a baseline measured in the
 * same run; this line is what lets a reader on another machine compare.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef BENCH_MACHINE_H
#define BENCH_MACHINE_H

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The value after "key" and a colon in /proc/cpuinfo ("?" if absent). */
static void bench_cpu_model(char *out, size_t n)
{
    char line[512];
    FILE *f = fopen("/proc/cpuinfo", "r");
    snprintf(out, n, "?");
    if (!f)
        return;
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "model name", 10) == 0) {
            const char *v = strchr(line, ':');
            v = v ? v + 1 : line;
            while (*v == ' ' || *v == '\t')
                v++;
            snprintf(out, n, "%.*s", (int)strcspn(v, "\n"), v);
            break;
        }
    fclose(f);
}

/* "machine: AMD EPYC, 2 CPU(s); 2026-12-07 01:30 UTC; load 1.02 0.98 0.75" */
static void bench_machine_header(FILE *out)
{
    char cpu[256], load[64] = "?";
    char date[32] = "?";
    time_t t = time(NULL);
    struct tm tmv;
    FILE *f = fopen("/proc/loadavg", "r");
    if (f) {
        if (!fgets(load, sizeof load, f))
            snprintf(load, sizeof load, "?");
        fclose(f);
    }
    /* the first three fields: 1, 5 and 15 minutes */
    {
        char *p = load;
        int k;
        for (k = 0; k < 3 && p; k++)
            p = strchr(p + (k > 0), ' ');
        if (p)
            *p = '\0';
        load[strcspn(load, "\n")] = '\0';
    }
    if (gmtime_r(&t, &tmv))
        strftime(date, sizeof date, "%Y-%m-%d %H:%M UTC", &tmv);
    bench_cpu_model(cpu, sizeof cpu);
    fprintf(out, "machine: %s, %ld CPU(s); %s; load %s\n", cpu, sysconf(_SC_NPROCESSORS_ONLN), date, load);
}

#endif
