/*
 * govidx/catalogue.h - open-data portal catalogues and the openness
 * measures derived from them (docs/methods/openness-catalogue.md).
 *
 * A city's own portal catalogue (DCAT-US / Project Open Data v1.1
 * data.json, a CKAN API answer, a Socrata discovery-API answer, or a flat
 * CSV with the DCAT-US field names) is read into a govidx_catalogue.  Every
 * dataset record is kept whole (govidx_catalogue_record_json); fields the
 * measures do not use are reported by name (govidx_catalogue_unmapped),
 * never dropped silently.  govidx_catalogue_compute() turns one catalogue
 * per city and year into a result whose nodes carry the framework's
 * indicator codes (machine_readable_share, open_licence_share, ...), and
 * whose labels name the departments that publish nothing.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_CATALOGUE_H
#define GOVIDX_CATALOGUE_H

#include "common.h"
#include "dataset.h"
#include "result.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Opaque: one portal catalogue in memory. */
typedef struct govidx_catalogue govidx_catalogue;

/** Catalogue formats.  Values are part of the ABI. */
typedef enum govidx_catalogue_format {
    GOVIDX_CATALOGUE_AUTO = 0,    /**< detect from the content */
    GOVIDX_CATALOGUE_DCAT_US = 1, /**< Project Open Data v1.1 data.json: {"dataset": [...]} */
    GOVIDX_CATALOGUE_CKAN = 2,    /**< CKAN API: package_search / package_list / package_show answers */
    GOVIDX_CATALOGUE_SOCRATA = 3, /**< Socrata discovery API (api/catalog/v1): {"results": [...]} */
    GOVIDX_CATALOGUE_CSV = 4      /**< one row per dataset, DCAT-US field names as header */
} govidx_catalogue_format;

/** "dcat-us", "ckan", "socrata", "csv" ("auto" for 0); NULL for another value. */
GOVIDX_API const char *govidx_catalogue_format_name(int format);
/** The format of a name above; GOVIDX_EFORMAT naming it when unknown. */
GOVIDX_API int govidx_catalogue_format_from_name(int *format, const char *name);

/**
 * Parse a catalogue of `len` bytes.  `name` labels messages (e.g. the file
 * name; NULL = "catalogue").  format GOVIDX_CATALOGUE_AUTO detects it: a
 * JSON object with "dataset" is DCAT-US, one with "results" whose records
 * have "resource" is Socrata, one with "result" (or a JSON array) is CKAN,
 * text not starting with '{' or '[' is CSV.
 * A record without an identifier gets none (it still counts); a record
 * whose identifier repeats an earlier one is not counted again and is
 * reported (govidx_catalogue_n_duplicates).
 * Errors: GOVIDX_EINVAL (NULL, an unknown format), GOVIDX_EFORMAT
 * (malformed JSON or CSV with line and column, a shape that is not the
 * format's, a record that is not an object), GOVIDX_EDIM (over 1 GiB),
 * GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_catalogue_parse(govidx_catalogue **out, const char *name, const char *text, size_t len,
                                      int format);
/** Read a catalogue file (as govidx_catalogue_parse); GOVIDX_EIO when unreadable. */
GOVIDX_API int govidx_catalogue_read_file(govidx_catalogue **out, const char *path, int format);
/** Release a catalogue; NULL is a no-op. */
GOVIDX_API void govidx_catalogue_free(govidx_catalogue *c);

/** The format the catalogue was read as (never AUTO). */
GOVIDX_API int govidx_catalogue_format_of(const govidx_catalogue *c);
/** Dataset records counted (duplicates and skipped Socrata asset types excluded). */
GOVIDX_API size_t govidx_catalogue_n_datasets(const govidx_catalogue *c);
/** Records whose identifier repeated an earlier record's. */
GOVIDX_API size_t govidx_catalogue_n_duplicates(const govidx_catalogue *c);
/** The i-th duplicated identifier (in input order), NULL out of range. */
GOVIDX_API const char *govidx_catalogue_duplicate(const govidx_catalogue *c, size_t i);

/**
 * A mapped field of dataset i, as text: "identifier", "title",
 * "description", "publisher", "contactPoint", "accessLevel", "issued",
 * "modified", "accrualPeriodicity", "license", "landingPage", "spatial",
 * "temporal", and the lists "theme", "keyword", "format" (values joined by
 * "; "; formats normalised to upper case, e.g. "CSV; JSON").  NULL when
 * the record has no such value, i is out of range or the field is unknown.
 */
GOVIDX_API const char *govidx_catalogue_field(const govidx_catalogue *c, size_t i, const char *field);
/** The whole record i as compact JSON (a CSV row as an object of its
 *  columns): every field the source had, in the source's order.  *out is
 *  freed with govidx_free.  GOVIDX_EINVAL (NULL, i out of range),
 *  GOVIDX_ENOMEM. */
GOVIDX_API int govidx_catalogue_record_json(char **out, const govidx_catalogue *c, size_t i);

/**
 * Source fields the measures do not read, with the number of records that
 * had each ("resource.columns_name", "extras.spatial_text", "type=chart" for
 * a skipped Socrata asset type, "title(not a string)" for a value of the
 * wrong type).  The records keep them (govidx_catalogue_record_json).
 */
GOVIDX_API size_t govidx_catalogue_n_unmapped(const govidx_catalogue *c);
GOVIDX_API const char *govidx_catalogue_unmapped(const govidx_catalogue *c, size_t i, size_t *count);

/** Attach the catalogue to a city and year (unit code copied). */
GOVIDX_API int govidx_catalogue_set_unit(govidx_catalogue *c, const char *unit, int year);
/** Population of the city in that year (finite, > 0); NaN = unknown. */
GOVIDX_API int govidx_catalogue_set_population(govidx_catalogue *c, double population);
/** The city's departments (copied; matched to publishers case-insensitively,
 *  surrounding blanks ignored).  n 0 = unknown.  GOVIDX_EINVAL for an empty
 *  or repeated name. */
GOVIDX_API int govidx_catalogue_set_departments(govidx_catalogue *c, const char *const *names, size_t n);

/** Reference lists of key data categories. */
typedef enum govidx_catalogue_keys {
    GOVIDX_CATALOGUE_KEYS_HVD = 0, /**< EU High-Value Datasets, Regulation (EU) 2023/138: six categories */
    GOVIDX_CATALOGUE_KEYS_GODI = 1 /**< Global Open Data Index 2016/17 key datasets (15) */
} govidx_catalogue_keys;

/** Options of govidx_catalogue_compute(); start from
 *  GOVIDX_CATALOGUE_OPTIONS_INIT or govidx_catalogue_options_init(). */
typedef struct govidx_catalogue_options {
    unsigned version;              /**< GOVIDX_CATALOGUE_OPTIONS_VERSION */
    const char *reference_date;    /**< "YYYY-MM-DD": timeliness is measured as of this date.
                                        Required (never the clock). */
    double grace_factor;           /**< a dataset is on time when modified within grace x its declared
                                        period (default 1.5); >= 1 */
    const char *const *open_licences;  /**< licences counted open (ids, names or URLs; a URL entry
                                            ending in '/' matches as a prefix); NULL = the built-in
                                            Open Definition list */
    size_t n_open_licences;
    const char *const *machine_readable_formats; /**< formats counted machine-readable (upper case,
                                                      e.g. "CSV"); NULL = the built-in 3-star list */
    size_t n_machine_readable_formats;
    int key_list;                  /**< govidx_catalogue_keys, when categories is NULL */
    const char *const *categories; /**< a user's own key categories (n_categories names) ... */
    const char *const *category_rules; /**< ... each matched by "word|word phrase|..." (case-insensitive
                                            whole words in a theme, keyword or title) */
    size_t n_categories;
} govidx_catalogue_options;
#define GOVIDX_CATALOGUE_OPTIONS_VERSION 1
#define GOVIDX_CATALOGUE_OPTIONS_INIT \
    { GOVIDX_CATALOGUE_OPTIONS_VERSION, NULL, 1.5, NULL, 0, NULL, 0, GOVIDX_CATALOGUE_KEYS_HVD, NULL, NULL, 0 }
/** Set *opts to the defaults of `version`.  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_catalogue_options_init(govidx_catalogue_options *opts, unsigned version);

/** A built-in list: the open licences (what = 0), the machine-readable
 *  formats (1), the non-proprietary formats (2).  Sets *out to a static
 *  array and returns its length; 0 for another `what`. */
GOVIDX_API size_t govidx_catalogue_builtin_list(const char *const **out, int what);
/** The built-in key categories of `key_list`: names and rules (static
 *  arrays); returns their number, 0 for an unknown list. */
GOVIDX_API size_t govidx_catalogue_key_categories(const char *const **names, const char *const **rules,
                                                  int key_list);

/** Label keys of govidx_catalogue_compute's result. */
#define GOVIDX_CATALOGUE_SILO "catalogue.silo"               /**< departments publishing nothing */
#define GOVIDX_CATALOGUE_UNLISTED "catalogue.unlisted_publisher" /**< publishers not in the departments list */
#define GOVIDX_CATALOGUE_UNCOVERED "catalogue.uncovered"     /**< key categories no dataset covers */

/**
 * Openness measures of each catalogue, one (unit, year) cell per catalogue
 * (every catalogue must have been given a unit and year, no two the same).
 * Units appear in the order first given, years ascending; a cell without a
 * catalogue is missing (NaN).  Nodes (shares in percent of the datasets):
 *   datasets_published            datasets counted
 *   datasets_per_100k             per 100,000 inhabitants (NaN: population unknown)
 *   machine_readable_share        >= 1 distribution in a machine-readable open format
 *   non_proprietary_share         >= 1 distribution in a non-proprietary format
 *   bulk_download_share           >= 1 distribution downloadable whole
 *   api_share                     >= 1 API distribution
 *   open_licence_share            licence in the open list
 *   metadata_completeness         mean share of the 16 DCAT-US fields present
 *   updated_on_time_share         modified within grace x the declared period
 *                                 (12 months when none), as of reference_date
 *   median_days_since_update      over datasets with a modified date (ranked lowest first)
 *   departments_publishing        departments with >= 1 dataset (NaN: no list)
 *   departments_publishing_share  the same in percent of the departments
 *   high_value_coverage           key categories with >= 1 dataset, percent
 * Labels per cell: GOVIDX_CATALOGUE_SILO, _UNLISTED and _UNCOVERED.
 * Errors: GOVIDX_EINVAL (NULL, no catalogue, a catalogue without unit, two
 * for one unit and year, no or a malformed reference_date, a bad grace
 * factor, list or key_list), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_catalogue_compute(govidx_result **out, const govidx_catalogue *const *catalogues, size_t n,
                                        const govidx_catalogue_options *opts);

/**
 * Append the catalogue's datasets to a dataset's open-data inventory, one
 * entry per dataset of the catalogue's unit and year (both must be the
 * dataset's): dataset code = identifier, category = first theme,
 * department = publisher, format, licence, last update, update frequency;
 * the checklist answers the catalogue can give: exists, digital, online
 * (listed), public (accessLevel), machine-readable, bulk, open licence, up
 * to date (as of opts->reference_date, same rules as
 * govidx_catalogue_compute), API, metadata standard (DCAT-US only); free
 * and registration-free stay missing.  Only the fields the inventory has are
 * stored.  Errors: GOVIDX_EINVAL (NULL, no unit, bad options),
 * GOVIDX_ENOTFOUND (unit or year not in the dataset), GOVIDX_EFORMAT (a
 * dataset without identifier), GOVIDX_ENOMEM; entries appended before an
 * error stay.
 */
GOVIDX_API int govidx_catalogue_to_inventory(govidx_dataset *ds, const govidx_catalogue *c,
                                             const govidx_catalogue_options *opts);

/** Root attribute `govidx import --catalogue` sets to its --reference-date,
 *  so measures recomputed from the file use the same date. */
#define GOVIDX_CATALOGUE_REFERENCE_DATE_ATTR "catalogue_reference_date"

/**
 * The catalogue of a unit and year rebuilt from the records a format-1.1
 * file keeps in its inventory (govidx_inventory_entry.record, written by
 * govidx_catalogue_to_inventory): each record read as its format's parser
 * reads it, so govidx_catalogue_compute gives the measures of the original
 * catalogue (departments, population and unit are not stored: set them).
 * Errors: GOVIDX_EINVAL (NULL), GOVIDX_ENOTFOUND (no stored record for that
 * unit and year), GOVIDX_EFORMAT (a record that is not a JSON object or of
 * an unknown format), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_catalogue_from_dataset(govidx_catalogue **out, const govidx_dataset *ds, const char *unit,
                                             int year);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_CATALOGUE_H */
