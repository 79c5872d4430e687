/*
 * govidx/import.h - build a city dataset from CSV files.
 *
 * Layouts (docs/import.md has the full description):
 *
 *  data       WIDE: a unit column (unit | uCode | code | city | place |
 *             country | country-code | iso3, or unit_column), an optional
 *             name column (name | uName), a year column (year | Time, or
 *             year_column) and one column per variable; or LONG: unit, year,
 *             indicator (or iCode), value.  COINr's iData layout is WIDE and
 *             is read as is (its group columns are declared in the meta).
 *  meta       COINr's iMeta layout, as is: Level, iCode, iName, Direction,
 *             Weight, Unit, Target, Denominator, Parent, Type (Indicator,
 *             Aggregate, Group, Denominator, Other); optional GoalLow,
 *             GoalHigh, Source, Aggregation columns.
 *  districts  district, name, unit, parent, level, year, population, then
 *             one column per coverage variable.
 *  inventory  unit (or place), year, dataset, category, department, the
 *             criterion columns (exists, digital, public, free, online,
 *             machinereadable, bulk, openlicence (or openlicense),
 *             uptodate, registrationfree, api, metadatastandard; the
 *             underscored spellings are accepted too: 1/0, yes/no,
 *             true/false; empty = unsure; an absent column = not recorded),
 *             format, licence, last_update, update_frequency.
 *  actors     actor, name, unit, sector, level.
 *  edges      unit, year, layer, from, to, weight (empty weight = 1).
 *  dea        variable, role (input | output), flags (undesirable,
 *             nondiscretionary; optional).
 *
 * Column names are matched without regard to ASCII case.  Every problem is
 * reported with "file:line:column" and nothing is built when any is found.
 * Numbers may carry a thousands separator and a decimal comma only when the
 * sources say so (thousands, decimal); a cell that would be read with them
 * gets an error naming the option.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_IMPORT_H
#define GOVIDX_IMPORT_H

#include "common.h"
#include "dataset.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The CSV files of one import; NULL = absent (data and meta are required). */
typedef struct govidx_import_sources {
    unsigned version;       /**< GOVIDX_IMPORT_SOURCES_VERSION */
    const char *data;
    const char *meta;
    const char *districts;
    const char *inventory;
    const char *actors;
    const char *edges;
    const char *dea;
    int default_year;       /**< year of a data file without a year column (0 = required) */
    /* version 2 */
    char thousands;         /**< thousands separator of numbers ('\0' = none): "24,140" with ',' */
    char decimal;           /**< decimal mark ('\0' or '.' = '.'; ',' reads "3,5" as 3.5) */
    const char *unit_column; /**< the data file's unit column by name (NULL = the first accepted name) */
    const char *year_column; /**< the data file's year column by name (NULL = year or Time) */
    /** One data file per year, stacked into one panel (used when data is
     *  NULL): data_files[k] holds the rows of year data_years[k] (0 = the
     *  file's own year column).  Every file must list the same units and
     *  (long layout) the same indicators. */
    const char *const *data_files;
    const int *data_years;
    size_t n_data_files;
} govidx_import_sources;
#define GOVIDX_IMPORT_SOURCES_VERSION 2
#define GOVIDX_IMPORT_SOURCES_INIT \
    { GOVIDX_IMPORT_SOURCES_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, 0, 0, NULL, NULL, NULL, NULL, 0 }
/** Set *src to the defaults of `version` (1..GOVIDX_IMPORT_SOURCES_VERSION), as
 *  GOVIDX_IMPORT_SOURCES_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_import_sources_init(govidx_import_sources *src, unsigned version);

/**
 * Build a dataset from CSV files.  `report` (may be NULL) is called once per
 * problem with object "file:line:column" and a message (every problem: the
 * caller caps what it shows); the first problem's status is returned, the
 * error message ends with the count of the others, and *out stays NULL.  On success the dataset is
 * validated (govidx_dataset_validate) and ready for govidx_dataset_write.
 */
GOVIDX_API int govidx_import_csv(govidx_dataset **out, const govidx_import_sources *src,
                                 govidx_problem_fn report, void *ctx);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_IMPORT_H */
