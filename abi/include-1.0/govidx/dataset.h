/*
 * govidx/dataset.h - the city dataset (format v1, see docs/format.md).
 *
 * A govidx_dataset holds every block of a city-dataset file in memory:
 * units (cities) and their groups, years, the indicator table, the index
 * framework (tree), the panel values[unit, year, indicator] with flags and
 * standard errors, districts, the open-data inventory, actor networks, the
 * DEA variable lists and free-form root attributes.
 *
 * A dataset is either opened from a file (govidx_dataset_open) or built in
 * memory (govidx_dataset_new + the govidx_dataset_set_* / _add_* builders)
 * and then written (govidx_dataset_write).  Opened datasets are read-only:
 * builders return GOVIDX_EINVAL on them.  Accessors return pointers into the
 * dataset; they stay valid until the dataset is closed.  A dataset handle may
 * be read from many threads at once once it is no longer modified.
 *
 * Files from third parties are hostile input: HDF5 itself can crash on some
 * corrupted files, so check them with govidx_dataset_validate_file() and the
 * GOVIDX_VALIDATE_ISOLATED flag (a separate executable) before opening them in
 * a long-running process.
 *
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_DATASET_H
#define GOVIDX_DATASET_H

#include "common.h"

#ifdef __cplusplus
extern "C" {
#endif

/** Format name and version written to and required in the root attributes. */
#define GOVIDX_FORMAT_NAME "govidx-city-dataset"
#define GOVIDX_FORMAT_VERSION 1
/** Minor version: root attribute `_format_minor` (absent = 0).  1 adds the
 *  inventory's catalogue records (docs/format.md); files of minor 0 stay valid
 *  and are read as before. */
#define GOVIDX_FORMAT_MINOR 1

/** Opaque: a city dataset in memory. */
typedef struct govidx_dataset govidx_dataset;

/* ------------------------------------------------------------------ */
/* Opening, creating, writing                                           */
/* ------------------------------------------------------------------ */

/** Options for govidx_dataset_open. */
typedef struct govidx_open_options {
    unsigned version;    /**< GOVIDX_OPEN_OPTIONS_VERSION */
    size_t max_bytes;    /**< refuse files declaring more data than this; 0 = default (8 GiB) */
    unsigned flags;      /**< reserved, 0 */
} govidx_open_options;
#define GOVIDX_OPEN_OPTIONS_VERSION 1
#define GOVIDX_OPEN_OPTIONS_INIT { GOVIDX_OPEN_OPTIONS_VERSION, 0, 0u }
/** Set *opts to the defaults of `version` (1..GOVIDX_OPEN_OPTIONS_VERSION), as
 *  GOVIDX_OPEN_OPTIONS_INIT does, for callers that cannot use macros.
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_open_options_init(govidx_open_options *opts, unsigned version);

/**
 * Open a format-v1 file and read it into memory, validating every declared
 * rank, type, size (overflow-checked, capped by opts->max_bytes) and the
 * cross-block consistency rules before trusting it.  opts may be NULL.
 * Errors: GOVIDX_EIO (not readable / not HDF5), GOVIDX_EFORMAT (schema),
 * GOVIDX_EDIM (sizes), GOVIDX_ECYCLE (framework), GOVIDX_ENOMEM.
 */
GOVIDX_API int govidx_dataset_open(govidx_dataset **out, const char *path,
                                   const govidx_open_options *opts);

/** Create an empty, writable dataset in memory. */
GOVIDX_API int govidx_dataset_new(govidx_dataset **out);

/** Release a dataset; NULL is a no-op. */
GOVIDX_API void govidx_dataset_close(govidx_dataset *ds);

/** Flags for govidx_dataset_write. */
#define GOVIDX_WRITE_REPLACE 1u /**< replace an existing file (atomically) instead of failing with GOVIDX_EEXIST */

/**
 * Validate the dataset and write it as a format-v1 file.  The file is
 * written to a temporary file in the same directory, flushed, and renamed
 * over `path`, so a reader never sees a half-written file and a crash leaves
 * any previous file intact.  Without GOVIDX_WRITE_REPLACE an existing `path`
 * gives GOVIDX_EEXIST.
 */
GOVIDX_API int govidx_dataset_write(const govidx_dataset *ds, const char *path, unsigned flags);

/**
 * Problem reporter: called once per problem found by validation.  `object`
 * names the HDF5 object or table row ("/panel/values", "indicator 'LPI'"),
 * `message` says what is wrong.  Both are valid only during the call.
 */
typedef void (*govidx_problem_fn)(void *ctx, const char *object, const char *message);

/**
 * Check the consistency rules of an in-memory dataset: codes unique and
 * non-empty, directions +-1, weights finite and >= 0, goalposts ordered,
 * parents exist, no cycle in the framework, panel dims match, populations
 * >= 0, edge endpoints exist, ...  Calls `report` (may be NULL) for every
 * problem.  Returns GOVIDX_OK or the status of the first problem.
 */
GOVIDX_API int govidx_dataset_validate(const govidx_dataset *ds, govidx_problem_fn report, void *ctx);

/** Flags for govidx_dataset_validate_file. */
#define GOVIDX_VALIDATE_ISOLATED 1u /**< read the file in the govidx-validate-helper process (survives HDF5 crashes) */

/**
 * Validate a file: structure, declared sizes and schema, then the
 * consistency rules.  Calls `report` once per problem.  Returns GOVIDX_OK
 * when the file is valid, else the status of the first problem.
 *
 * With GOVIDX_VALIDATE_ISOLATED the HDF5 work runs in a separate
 * executable, govidx-validate-helper, started with posix_spawn (safe in
 * threaded callers; no fork of the caller), so a file that crashes HDF5 is
 * reported as a problem ("the HDF5 library crashed (signal 11) while reading
 * the file ...", GOVIDX_EFORMAT) instead of killing the caller.  The
 * problems are the in-process validator's, delivered to `report` on the
 * calling thread as they arrive.  A helper still running after 60 s
 * (environment GOVIDX_VALIDATE_TIMEOUT_MS overrides) is killed: reported,
 * GOVIDX_EFORMAT.  The helper is found in $GOVIDX_LIBEXECDIR when set, else
 * in the installed $(pkglibexecdir); when it cannot be started: GOVIDX_EIO
 * and no problem reported.  The helper is always reaped before returning;
 * the caller must not reap children it did not start (waitpid(-1)) nor set
 * SIGCHLD to SIG_IGN, or a crash is reported as "ended without a result".
 * docs/reliability.md describes the helper and its line protocol.
 */
GOVIDX_API int govidx_dataset_validate_file(const char *path, unsigned flags,
                                            govidx_problem_fn report, void *ctx);

/* ------------------------------------------------------------------ */
/* Root attributes (title, source, licence, ...)                        */
/* ------------------------------------------------------------------ */

/** Set a root text attribute (UTF-8).  Names starting with '_' are reserved: GOVIDX_EINVAL. */
GOVIDX_API int govidx_dataset_set_attr(govidx_dataset *ds, const char *name, const char *value);

/** A root text attribute, or NULL when absent. */
GOVIDX_API const char *govidx_dataset_attr(const govidx_dataset *ds, const char *name);

/** Number of root text attributes, and the name of the k-th. */
GOVIDX_API size_t govidx_dataset_n_attrs(const govidx_dataset *ds);
GOVIDX_API const char *govidx_dataset_attr_name(const govidx_dataset *ds, size_t k);

/* ------------------------------------------------------------------ */
/* Units (cities), unit groups, years                                    */
/* ------------------------------------------------------------------ */

/** Set the units: codes (unique, non-empty) and UTF-8 names (names may be NULL: names = codes). */
GOVIDX_API int govidx_dataset_set_units(govidx_dataset *ds, size_t n,
                                        const char *const *codes, const char *const *names);
GOVIDX_API size_t govidx_dataset_n_units(const govidx_dataset *ds);
GOVIDX_API const char *govidx_dataset_unit_code(const govidx_dataset *ds, size_t unit);
GOVIDX_API const char *govidx_dataset_unit_name(const govidx_dataset *ds, size_t unit);
/** Index of the unit with this code; GOVIDX_ENOTFOUND when absent. */
GOVIDX_API int govidx_dataset_find_unit(size_t *unit, const govidx_dataset *ds, const char *code);

/**
 * Add a grouping of the units (COINr group columns such as "GDP_group"):
 * one text label per unit (NULL or "" = no group).  Units must be set first.
 */
GOVIDX_API int govidx_dataset_add_group(govidx_dataset *ds, const char *name,
                                        const char *const *labels);
GOVIDX_API size_t govidx_dataset_n_groups(const govidx_dataset *ds);
GOVIDX_API const char *govidx_dataset_group_name(const govidx_dataset *ds, size_t g);
/** Label of `unit` in grouping g; "" when none. */
GOVIDX_API const char *govidx_dataset_group_label(const govidx_dataset *ds, size_t g, size_t unit);

/** Set the years (strictly increasing). */
GOVIDX_API int govidx_dataset_set_years(govidx_dataset *ds, size_t n, const int *years);
GOVIDX_API size_t govidx_dataset_n_years(const govidx_dataset *ds);
GOVIDX_API const int *govidx_dataset_years(const govidx_dataset *ds);
/** Index of a year; GOVIDX_ENOTFOUND when absent. */
GOVIDX_API int govidx_dataset_find_year(size_t *index, const govidx_dataset *ds, int year);

/* ------------------------------------------------------------------ */
/* Indicators and the index framework                                   */
/* ------------------------------------------------------------------ */

/** Role of a panel variable (COINr iMeta "Type"). */
typedef enum govidx_var_type {
    GOVIDX_VAR_INDICATOR = 0,   /**< enters the index tree */
    GOVIDX_VAR_DENOMINATOR = 1, /**< used to denominate indicators (population, GDP, area) */
    GOVIDX_VAR_OTHER = 2        /**< carried along, not used by the index */
} govidx_var_type;

/**
 * One row of the indicator table.  Text fields may be NULL (= empty) when
 * adding; goalposts and target are NaN when unset.
 */
typedef struct govidx_indicator {
    unsigned version;          /**< GOVIDX_INDICATOR_VERSION */
    const char *code;          /**< unique, non-empty */
    const char *name;          /**< UTF-8 long name */
    const char *unit;          /**< unit of measure ("Percent") */
    const char *parent;        /**< code of the framework node it feeds; NULL = none */
    const char *source;        /**< source type ("portal audit", "survey", ...) */
    const char *denominator;   /**< code of a GOVIDX_VAR_DENOMINATOR variable, or NULL */
    int direction;             /**< +1 higher is better, -1 lower is better */
    int type;                  /**< govidx_var_type */
    double weight;             /**< weight within its parent node (>= 0) */
    double goal_low;           /**< goalpost: value scoring 0 (NaN = none) */
    double goal_high;          /**< goalpost: value scoring 1 (NaN = none) */
    double target;             /**< target for distance-to-target (NaN = none) */
} govidx_indicator;
#define GOVIDX_INDICATOR_VERSION 1
#define GOVIDX_INDICATOR_INIT \
    { GOVIDX_INDICATOR_VERSION, NULL, NULL, NULL, NULL, NULL, NULL, 1, 0, 1.0, \
      __builtin_nan(""), __builtin_nan(""), __builtin_nan("") }
/** Set *row to the defaults of `version` (1..GOVIDX_INDICATOR_VERSION), as
 *  GOVIDX_INDICATOR_INIT does, for callers that cannot use macros: before
 *  filling a row to add, and before a getter (which writes only the fields
 *  of that version).  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_indicator_init(govidx_indicator *row, unsigned version);

/** Append an indicator (copied).  Must precede any panel value. */
GOVIDX_API int govidx_dataset_add_indicator(govidx_dataset *ds, const govidx_indicator *ind);
GOVIDX_API size_t govidx_dataset_n_indicators(const govidx_dataset *ds);
/** Fill *out with indicator j: out->version must be set (1..GOVIDX_INDICATOR_VERSION,
 *  e.g. by govidx_indicator_init) and only that version's fields are written.
 *  Strings point into ds. */
GOVIDX_API int govidx_dataset_indicator(govidx_indicator *out, const govidx_dataset *ds, size_t j);
GOVIDX_API int govidx_dataset_find_indicator(size_t *j, const govidx_dataset *ds, const char *code);

/**
 * One aggregate node of the index framework (COINr iMeta rows of Type
 * "Aggregate").  Indicators are the leaves and name their parent node; the
 * root has parent NULL.  `aggregation` optionally names the node's
 * aggregation method ("arithmetic", "geometric", ...; NULL = default).
 */
typedef struct govidx_node {
    unsigned version;          /**< GOVIDX_NODE_VERSION */
    const char *code;          /**< unique among nodes and indicators */
    const char *name;
    const char *parent;        /**< NULL for the root */
    const char *aggregation;   /**< NULL = engine default */
    int level;                 /**< 1 = indicators, 2 = first aggregates, ...; 0 = unknown */
    double weight;             /**< weight within its parent (>= 0) */
} govidx_node;
#define GOVIDX_NODE_VERSION 1
#define GOVIDX_NODE_INIT { GOVIDX_NODE_VERSION, NULL, NULL, NULL, NULL, 0, 1.0 }
/** Set *row to the defaults of `version` (1..GOVIDX_NODE_VERSION), as
 *  GOVIDX_NODE_INIT does, for callers that cannot use macros: before
 *  filling a row to add, and before a getter (which writes only the fields
 *  of that version).  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_node_init(govidx_node *row, unsigned version);

/** Append a framework node (copied).  Parents are resolved by validation. */
GOVIDX_API int govidx_dataset_add_node(govidx_dataset *ds, const govidx_node *node);
/** Number of framework nodes. */
GOVIDX_API size_t govidx_dataset_n_nodes(const govidx_dataset *ds);
/** Fill *out with node k: out->version must be set (1..GOVIDX_NODE_VERSION) and
 *  only that version's fields are written.  Strings point into ds. */
GOVIDX_API int govidx_dataset_node(govidx_node *out, const govidx_dataset *ds, size_t k);
/** Index of the node with this code; GOVIDX_ENOTFOUND when absent. */
GOVIDX_API int govidx_dataset_find_node(size_t *k, const govidx_dataset *ds, const char *code);

/* ------------------------------------------------------------------ */
/* Panel: values[unit, year, indicator]                                  */
/* ------------------------------------------------------------------ */

/** Bits of the panel flags. */
#define GOVIDX_FLAG_IMPUTED    0x01u
#define GOVIDX_FLAG_ESTIMATED  0x02u
#define GOVIDX_FLAG_FLOORED    0x04u
#define GOVIDX_FLAG_TREATED    0x08u
#define GOVIDX_FLAG_PROVISIONAL 0x10u
#define GOVIDX_FLAG_SCREENED   0x20u /* unit left out by screen.min_share (method.h) */
#define GOVIDX_FLAG_EXCLUDED   0x40u /* unit left out by units.exclude / units.only (method.h) */

/**
 * Set one panel cell (NaN = missing).  Units, years and indicators must be
 * set first; the panel starts all-missing.
 */
GOVIDX_API int govidx_dataset_set_value(govidx_dataset *ds, size_t unit, size_t year,
                                        size_t indicator, double value);
/** Set one cell's flag bits and standard error (NaN = none). */
GOVIDX_API int govidx_dataset_set_cell_meta(govidx_dataset *ds, size_t unit, size_t year,
                                            size_t indicator, uint8_t flags, double stderr_value);

/**
 * The panel of one year as a units x indicators column-major view
 * (ld = number of units).  GOVIDX_EINVAL for a bad year index,
 * GOVIDX_ENOTFOUND when the dataset has no panel.
 */
GOVIDX_API int govidx_dataset_panel(govidx_matrix_view *out, const govidx_dataset *ds, size_t year);
/** Flags of one year, units x indicators column-major; NULL when the dataset has none. */
GOVIDX_API const uint8_t *govidx_dataset_panel_flags(const govidx_dataset *ds, size_t year);
/** Standard errors of one year as a view; GOVIDX_ENOTFOUND when the dataset has none. */
GOVIDX_API int govidx_dataset_panel_stderr(govidx_matrix_view *out, const govidx_dataset *ds, size_t year);

/* ------------------------------------------------------------------ */
/* Districts (sub-city units: district -> sub-district -> community)     */
/* ------------------------------------------------------------------ */

typedef struct govidx_district {
    unsigned version;          /**< GOVIDX_DISTRICT_VERSION */
    const char *code;          /**< unique */
    const char *name;          /**< UTF-8 */
    const char *unit;          /**< code of the city (unit) it belongs to */
    const char *parent;        /**< code of the parent district, NULL for a top-level one */
    int level;                 /**< 1 district, 2 sub-district, 3 community, ... */
    double area;               /**< NaN when unknown */
} govidx_district;
#define GOVIDX_DISTRICT_VERSION 1
#define GOVIDX_DISTRICT_INIT { GOVIDX_DISTRICT_VERSION, NULL, NULL, NULL, NULL, 1, __builtin_nan("") }
/** Set *row to the defaults of `version` (1..GOVIDX_DISTRICT_VERSION), as
 *  GOVIDX_DISTRICT_INIT does, for callers that cannot use macros: before
 *  filling a row to add, and before a getter (which writes only the fields
 *  of that version).  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_district_init(govidx_district *row, unsigned version);

/** Append a district (copied).  Units must be set. */
GOVIDX_API int govidx_dataset_add_district(govidx_dataset *ds, const govidx_district *d);
/** Declare a per-district, per-year coverage variable (e.g. "broadband_share"). */
GOVIDX_API int govidx_dataset_add_district_var(govidx_dataset *ds, const char *name,
                                               const char *unit_of_measure);
GOVIDX_API size_t govidx_dataset_n_districts(const govidx_dataset *ds);
/** Fill *out with district d: out->version must be set (1..GOVIDX_DISTRICT_VERSION)
 *  and only that version's fields are written.  Strings point into ds. */
GOVIDX_API int govidx_dataset_district(govidx_district *out, const govidx_dataset *ds, size_t d);
/** Index of the district's city in the unit list. */
GOVIDX_API size_t govidx_dataset_district_unit(const govidx_dataset *ds, size_t d);
/** Index of the parent district, or (size_t)-1 for a top-level district. */
GOVIDX_API size_t govidx_dataset_district_parent(const govidx_dataset *ds, size_t d);
GOVIDX_API size_t govidx_dataset_n_district_vars(const govidx_dataset *ds);
GOVIDX_API const char *govidx_dataset_district_var_name(const govidx_dataset *ds, size_t k);
GOVIDX_API int govidx_dataset_find_district_var(size_t *k, const govidx_dataset *ds, const char *name);
/** Population of district d in year index y (NaN = missing, else >= 0). */
GOVIDX_API int govidx_dataset_set_district_population(govidx_dataset *ds, size_t d, size_t year,
                                                      double population);
GOVIDX_API int govidx_dataset_set_district_value(govidx_dataset *ds, size_t d, size_t year,
                                                 size_t var, double value);
/** Populations of all districts in year index y (length n_districts), or NULL. */
GOVIDX_API const double *govidx_dataset_district_population(const govidx_dataset *ds, size_t year);
/** District variables of year y as a districts x vars column-major view. */
GOVIDX_API int govidx_dataset_district_values(govidx_matrix_view *out, const govidx_dataset *ds,
                                              size_t year);

/* ------------------------------------------------------------------ */
/* Open-data inventory (dataset-level openness audits)                   */
/* ------------------------------------------------------------------ */

/** The openness checklist criteria, in this fixed order. */
typedef enum govidx_criterion {
    GOVIDX_CRIT_EXISTS = 0,
    GOVIDX_CRIT_DIGITAL,
    GOVIDX_CRIT_PUBLIC,
    GOVIDX_CRIT_FREE,
    GOVIDX_CRIT_ONLINE,
    GOVIDX_CRIT_MACHINE_READABLE,
    GOVIDX_CRIT_BULK,
    GOVIDX_CRIT_OPEN_LICENCE,
    GOVIDX_CRIT_UP_TO_DATE,
    GOVIDX_CRIT_REGISTRATION_FREE,
    GOVIDX_CRIT_API,
    GOVIDX_CRIT_METADATA_STANDARD,
    GOVIDX_N_CRITERIA
} govidx_criterion;

/** Answer codes of a criterion. */
#define GOVIDX_ANSWER_NO 0
#define GOVIDX_ANSWER_YES 1
#define GOVIDX_ANSWER_UNSURE 2
#define GOVIDX_ANSWER_MISSING (-1) /**< not asked / not recorded */

/** Machine name of a criterion ("exists", "machinereadable", ...), NULL when out of range. */
GOVIDX_API const char *govidx_dataset_criterion_name(int criterion);

/** One audited (unit, year, dataset) entry of an open-data inventory.
 *  Start from GOVIDX_INVENTORY_ENTRY_INIT or govidx_inventory_entry_init();
 *  fields are only ever appended. */
typedef struct govidx_inventory_entry {
    unsigned version;           /**< GOVIDX_INVENTORY_ENTRY_VERSION */
    const char *unit;           /**< city code */
    int year;                   /**< must be one of the dataset's years */
    const char *dataset;        /**< dataset code within the index's list ("budget") */
    const char *category;       /**< high-value category */
    const char *department;     /**< publishing department */
    const char *format;         /**< "CSV", "PDF", ... */
    const char *licence;        /**< "CC-BY-4.0", ... */
    const char *last_update;    /**< ISO 8601 date, or NULL */
    const char *update_frequency; /**< declared frequency ("monthly"), or NULL */
    const signed char *answers; /**< n_answers GOVIDX_ANSWER_* codes indexed by govidx_criterion;
                                     criteria from n_answers on are GOVIDX_ANSWER_MISSING */
    size_t n_answers;           /**< at most GOVIDX_N_CRITERIA (the criteria this library knows) */
    /* version 2 (format 1.1, issue 17) */
    const char *record;         /**< the portal-catalogue record the entry comes from, whole, as a JSON
                                     object (every source field), or NULL */
    const char *record_format;  /**< its catalogue format: "dcat-us", "dcat-us-1.0" (Project Open Data
                                     v1.0), "ckan", "socrata", "csv"; set exactly when record is */
} govidx_inventory_entry;
#define GOVIDX_INVENTORY_ENTRY_VERSION 2
#define GOVIDX_INVENTORY_ENTRY_INIT \
    { GOVIDX_INVENTORY_ENTRY_VERSION, NULL, 0, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 0, NULL, NULL }
/** Set *e to an empty entry of `version` (1..GOVIDX_INVENTORY_ENTRY_VERSION).
 *  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_inventory_entry_init(govidx_inventory_entry *e, unsigned version);

/** Append an inventory entry; its strings and answers are copied.
 *  (unit, year, dataset) must be unique.  GOVIDX_EINVAL for a bad version
 *  or more than GOVIDX_N_CRITERIA answers. */
GOVIDX_API int govidx_dataset_add_inventory(govidx_dataset *ds, const govidx_inventory_entry *e);
GOVIDX_API size_t govidx_dataset_n_inventory(const govidx_dataset *ds);
/** Entry k into *out (out->version set by the caller; only that version's
 *  fields are written).  Its strings and answers (GOVIDX_N_CRITERIA of them)
 *  belong to the dataset and stay valid until it is closed. */
GOVIDX_API int govidx_dataset_inventory(govidx_inventory_entry *out, const govidx_dataset *ds, size_t k);

/* ------------------------------------------------------------------ */
/* Networks: actors and one long edge table                              */
/* ------------------------------------------------------------------ */

typedef struct govidx_actor {
    unsigned version;           /**< GOVIDX_ACTOR_VERSION */
    const char *code;           /**< unique */
    const char *name;
    const char *unit;           /**< city code, or network id */
    const char *sector;         /**< "gov-dept", "enterprise", "social-org", ... */
    const char *level;          /**< government level, or NULL */
} govidx_actor;
#define GOVIDX_ACTOR_VERSION 1
#define GOVIDX_ACTOR_INIT { GOVIDX_ACTOR_VERSION, NULL, NULL, NULL, NULL, NULL }
/** Set *row to the defaults of `version` (1..GOVIDX_ACTOR_VERSION), as
 *  GOVIDX_ACTOR_INIT does, for callers that cannot use macros: before
 *  filling a row to add, and before a getter (which writes only the fields
 *  of that version).  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_actor_init(govidx_actor *row, unsigned version);

typedef struct govidx_edge {
    unsigned version;           /**< GOVIDX_EDGE_VERSION */
    const char *unit;           /**< city code */
    int year;
    const char *layer;          /**< "data", "project", "consultation", ... */
    const char *from;           /**< actor code */
    const char *to;             /**< actor code */
    double weight;              /**< > 0 */
} govidx_edge;
#define GOVIDX_EDGE_VERSION 1
#define GOVIDX_EDGE_INIT { GOVIDX_EDGE_VERSION, NULL, 0, NULL, NULL, NULL, 1.0 }
/** Set *row to the defaults of `version` (1..GOVIDX_EDGE_VERSION), as
 *  GOVIDX_EDGE_INIT does, for callers that cannot use macros: before
 *  filling a row to add, and before a getter (which writes only the fields
 *  of that version).  GOVIDX_EINVAL for NULL or an unknown version. */
GOVIDX_API int govidx_edge_init(govidx_edge *row, unsigned version);

/** Append an actor (copied); codes are unique.  Units must be set. */
GOVIDX_API int govidx_dataset_add_actor(govidx_dataset *ds, const govidx_actor *a);
/** Append an edge (copied); its unit, year and both actors must exist, weight > 0. */
GOVIDX_API int govidx_dataset_add_edge(govidx_dataset *ds, const govidx_edge *e);
/** Number of actors, and actor k (out->version must be set, 1..GOVIDX_ACTOR_VERSION;
 *  only that version's fields are written; strings point into ds). */
GOVIDX_API size_t govidx_dataset_n_actors(const govidx_dataset *ds);
GOVIDX_API int govidx_dataset_actor(govidx_actor *out, const govidx_dataset *ds, size_t k);
/** Number of edges, and edge k (out->version must be set, 1..GOVIDX_EDGE_VERSION;
 *  only that version's fields are written; strings point into ds). */
GOVIDX_API size_t govidx_dataset_n_edges(const govidx_dataset *ds);
GOVIDX_API int govidx_dataset_edge(govidx_edge *out, const govidx_dataset *ds, size_t k);
/** Index of edge k's endpoints in the actor list (fast path for network code). */
GOVIDX_API int govidx_dataset_edge_ends(size_t *from, size_t *to, const govidx_dataset *ds, size_t k);

/* ------------------------------------------------------------------ */
/* DEA variable lists                                                    */
/* ------------------------------------------------------------------ */

/** Per-variable DEA flags. */
#define GOVIDX_DEA_UNDESIRABLE      1u /**< an output that is better when lower */
#define GOVIDX_DEA_NONDISCRETIONARY 2u /**< an input the unit cannot control */

/** Declare a panel indicator as DEA input (is_output = 0) or output (is_output = 1). */
GOVIDX_API int govidx_dataset_add_dea_var(govidx_dataset *ds, const char *indicator_code,
                                          int is_output, unsigned flags);
GOVIDX_API size_t govidx_dataset_n_dea_inputs(const govidx_dataset *ds);
GOVIDX_API size_t govidx_dataset_n_dea_outputs(const govidx_dataset *ds);
/** Panel indicator index and flags of the k-th DEA input / output. */
GOVIDX_API int govidx_dataset_dea_input(size_t *indicator, unsigned *flags,
                                        const govidx_dataset *ds, size_t k);
GOVIDX_API int govidx_dataset_dea_output(size_t *indicator, unsigned *flags,
                                         const govidx_dataset *ds, size_t k);

/* ------------------------------------------------------------------ */
/* Summary                                                               */
/* ------------------------------------------------------------------ */

/**
 * A short, human-readable summary of the dataset (blocks and their sizes,
 * missing share, years, attributes), as a NUL-terminated string to be
 * released with govidx_free().
 */
GOVIDX_API int govidx_dataset_summary(char **out, const govidx_dataset *ds);

#ifdef __cplusplus
}
#endif

#endif /* GOVIDX_DATASET_H */
