/*
 * tools/synth.c - govidx-synth: a seeded generator of realistic synthetic
 * city datasets (format v1) with every block filled in.
 *
 *   govidx-synth --seed S --cities N --years Y --indicators M
 *                [--districts-per-city K] [--actors-per-city A]
 *                [--inventory-datasets D] [--last-year L] [--title T] -o OUT.h5
 *
 * Determinism: every random number is a pure function of (seed, stream tag,
 * up to three integer coordinates), computed with the splitmix64 finaliser
 * (Steele, Lea & Flood 2014, "Fast splittable pseudorandom number
 * generators", OOPSLA).  No state is carried from one draw to the next, so
 * the output does not depend on loop order, and nothing depends on the clock.
 * Normal variates use the Box-Muller transform (Box & Muller 1958).
 *
 * Costs are linear in cities x years x (indicators + districts + inventory
 * + actors^2 x 3 layers); the panel is filled cell by cell through the public
 * builders, without any intermediate copy.  See datasets/README.md for the
 * model behind the numbers.  The program prints nothing but errors.
 *
 * SPDX-License-Identifier: MIT
 */
#include <govidx.h>

#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

/* ------------------------------------------------------------------ */
/* Counter-based random numbers                                        */
/* ------------------------------------------------------------------ */

/* splitmix64 output function (Steele, Lea & Flood 2014). */
static uint64_t mix64(uint64_t z)
{
    z += UINT64_C(0x9e3779b97f4a7c15);
    z = (z ^ (z >> 30)) * UINT64_C(0xbf58476d1ce4e5b9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94d049bb133111eb);
    return z ^ (z >> 31);
}

/* Stream tags: one per kind of draw, so streams never collide. */
enum {
    T_CITY = 1, T_CITYIND, T_CELL, T_MISS, T_FLAG, T_POP, T_DEA, T_DIST, T_DISTY, T_WHITE,
    T_INV, T_ACTOR, T_EDGE, T_EDGEW, T_SURVEY, T_AREA, T_CE, T_OI
};

static uint64_t draw(uint64_t seed, unsigned tag, uint64_t a, uint64_t b, uint64_t c)
{
    uint64_t h = mix64(seed ^ ((uint64_t)tag * UINT64_C(0xd1b54a32d192ed03)));
    h = mix64(h ^ a);
    h = mix64(h ^ (b * UINT64_C(0xaef17502108ef2d9)));
    return mix64(h ^ (c * UINT64_C(0x9e6c63d0676a9a99)));
}

/* Uniform on the open interval (0, 1). */
static double unif(uint64_t seed, unsigned tag, uint64_t a, uint64_t b, uint64_t c)
{
    return ((double)(draw(seed, tag, a, b, c) >> 11) + 0.5) * 0x1.0p-53;
}

/* Standard normal by Box-Muller; `c` selects the pair. */
static double gauss(uint64_t seed, unsigned tag, uint64_t a, uint64_t b, uint64_t c)
{
    double u1 = unif(seed, tag, a, b, 2 * c);
    double u2 = unif(seed, tag, a, b, 2 * c + 1);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

static double logistic(double z)
{
    return 1.0 / (1.0 + exp(-z));
}

/* ------------------------------------------------------------------ */
/* Fixed tables                                                        */
/* ------------------------------------------------------------------ */

/* Thirty Chinese cities: code (pinyin), Chinese name, English name,
 * region, tier, rough population in thousands (order of magnitude of the
 * 2020 census; only a starting point for synthetic numbers). */
typedef struct city_info {
    const char *code, *zh, *en, *region, *tier;
    double pop;
} city_info;

static const city_info cities[] = {
    {"beijing", "北京", "Beijing", "East", "1st-tier", 21900},
    {"shanghai", "上海", "Shanghai", "East", "1st-tier", 24900},
    {"guangzhou", "广州", "Guangzhou", "East", "1st-tier", 18700},
    {"shenzhen", "深圳", "Shenzhen", "East", "1st-tier", 17600},
    {"chengdu", "成都", "Chengdu", "West", "new-1st-tier", 20900},
    {"hangzhou", "杭州", "Hangzhou", "East", "new-1st-tier", 11900},
    {"wuhan", "武汉", "Wuhan", "Central", "new-1st-tier", 12300},
    {"xian", "西安", "Xi'an", "West", "new-1st-tier", 12900},
    {"nanjing", "南京", "Nanjing", "East", "new-1st-tier", 9300},
    {"tianjin", "天津", "Tianjin", "East", "new-1st-tier", 13900},
    {"chongqing", "重庆", "Chongqing", "West", "new-1st-tier", 32100},
    {"suzhou", "苏州", "Suzhou", "East", "new-1st-tier", 12700},
    {"changsha", "长沙", "Changsha", "Central", "new-1st-tier", 10000},
    {"zhengzhou", "郑州", "Zhengzhou", "Central", "new-1st-tier", 12600},
    {"dongguan", "东莞", "Dongguan", "East", "new-1st-tier", 10500},
    {"qingdao", "青岛", "Qingdao", "East", "new-1st-tier", 10100},
    {"shenyang", "沈阳", "Shenyang", "Northeast", "new-1st-tier", 9100},
    {"ningbo", "宁波", "Ningbo", "East", "new-1st-tier", 9400},
    {"hefei", "合肥", "Hefei", "Central", "2nd-tier", 9400},
    {"kunming", "昆明", "Kunming", "West", "2nd-tier", 8500},
    {"fuzhou", "福州", "Fuzhou", "East", "2nd-tier", 8300},
    {"xiamen", "厦门", "Xiamen", "East", "2nd-tier", 5200},
    {"jinan", "济南", "Jinan", "East", "2nd-tier", 9200},
    {"dalian", "大连", "Dalian", "Northeast", "2nd-tier", 7500},
    {"harbin", "哈尔滨", "Harbin", "Northeast", "2nd-tier", 10000},
    {"changchun", "长春", "Changchun", "Northeast", "2nd-tier", 9100},
    {"nanning", "南宁", "Nanning", "West", "2nd-tier", 8700},
    {"guiyang", "贵阳", "Guiyang", "West", "2nd-tier", 6000},
    {"taiyuan", "太原", "Taiyuan", "Central", "2nd-tier", 5300},
    {"lanzhou", "兰州", "Lanzhou", "West", "2nd-tier", 4400},
};
#define N_NAMED_CITIES (sizeof cities / sizeof cities[0])
static const char *const regions[] = {"East", "Central", "West", "Northeast"};

/* The framework: index -> 3 sub-indices -> 9 pillars -> indicators. */
typedef struct node_info {
    const char *code, *name, *parent;
    int level;
} node_info;

static const node_info subindices[] = {
    {"O", "Openness 开放度", "GOVIDX", 3},
    {"V", "Coverage 覆盖度", "GOVIDX", 3},
    {"C", "Collaboration 协同度", "GOVIDX", 3},
};

enum kind { K_PERCENT, K_COUNT, K_RATE };

typedef struct ind_template {
    const char *name, *unit, *source;
    double lo, hi; /* plausible range = goalposts */
    int direction;
    int kind;
} ind_template;

typedef struct pillar_info {
    const char *code, *name;
    int dim; /* 0 openness, 1 coverage, 2 collaboration */
    ind_template t[4];
} pillar_info;

static const pillar_info pillars[] = {
    {"O1", "Data availability 数据可得性", 0,
     {{"Open datasets published", "datasets", "portal audit", 0, 6000, 1, K_COUNT},
      {"High-value datasets available", "Percent", "portal audit", 0, 100, 1, K_PERCENT},
      {"Departments publishing open data", "Percent", "administrative records", 0, 100, 1, K_PERCENT},
      {"Datasets updated in the last 12 months", "Percent", "portal audit", 0, 100, 1, K_PERCENT}}},
    {"O2", "Data usability 数据可用性", 0,
     {{"Machine-readable datasets", "Percent", "portal audit", 0, 100, 1, K_PERCENT},
      {"Datasets under an open licence", "Percent", "portal audit", 0, 100, 1, K_PERCENT},
      {"Datasets available through an API", "Percent", "portal audit", 0, 100, 1, K_PERCENT},
      {"Median update lag", "Days", "portal audit", 0, 365, -1, K_RATE}}},
    {"O3", "Participation and reuse 参与与利用", 0,
     {{"Portal downloads per 1,000 residents", "Downloads per 1,000", "portal audit", 0, 2000, 1, K_RATE},
      {"Apps built on open data per million residents", "Apps per million", "portal audit", 0, 50, 1, K_RATE},
      {"Data requests answered within 20 days", "Percent", "administrative records", 0, 100, 1, K_PERCENT},
      {"Median reply time to data requests", "Days", "administrative records", 0, 60, -1, K_RATE}}},
    {"V1", "Digital infrastructure 数字基础设施", 1,
     {{"Households with fixed broadband", "Percent", "statistical yearbook", 0, 100, 1, K_PERCENT},
      {"5G population coverage", "Percent", "operator data", 0, 100, 1, K_PERCENT},
      {"Public Wi-Fi hotspots per 10,000 residents", "Hotspots per 10,000", "operator data", 0, 50, 1, K_RATE},
      {"Mean mobile download speed", "Mbit/s", "operator data", 0, 300, 1, K_RATE}}},
    {"V2", "Service reach 服务可达性", 1,
     {{"Government services fully online", "Percent", "administrative records", 0, 100, 1, K_PERCENT},
      {"Communities with a digital service point", "Percent", "administrative records", 0, 100, 1, K_PERCENT},
      {"White-zone communities without broadband", "Percent", "operator data", 0, 30, -1, K_PERCENT},
      {"Residents using e-government services", "Percent", "survey", 0, 100, 1, K_PERCENT}}},
    {"V3", "Digital inclusion 数字包容", 1,
     {{"Residents aged 60+ using the internet", "Percent", "survey", 0, 100, 1, K_PERCENT},
      {"Urban-rural broadband gap", "Percentage points", "statistical yearbook", 0, 40, -1, K_RATE},
      {"Accessible government websites", "Percent", "portal audit", 0, 100, 1, K_PERCENT},
      {"Digital-skills training participants per 1,000", "Persons per 1,000", "administrative records", 0, 100, 1, K_RATE}}},
    {"C1", "Cross-department collaboration 跨部门协同", 2,
     {{"Datasets shared between departments", "datasets", "network survey", 0, 2000, 1, K_COUNT},
      {"Joint cross-department projects", "projects", "administrative records", 0, 100, 1, K_COUNT},
      {"Departments in data silos", "Percent", "network survey", 0, 80, -1, K_PERCENT},
      {"Departments connected to the shared data platform", "Percent", "administrative records", 0, 100, 1, K_PERCENT}}},
    {"C2", "Multi-sector partnership 多元参与", 2,
     {{"Public-private data partnerships", "partnerships", "administrative records", 0, 60, 1, K_COUNT},
      {"Social organisations in consultations", "organisations", "network survey", 0, 200, 1, K_COUNT},
      {"Public consultations held online", "consultations", "administrative records", 0, 300, 1, K_COUNT},
      {"Residents taking part in consultations", "Percent", "survey", 0, 30, 1, K_PERCENT}}},
    {"C3", "Responsiveness 回应性", 2,
     {{"Hotline requests resolved", "Percent", "administrative records", 0, 100, 1, K_PERCENT},
      {"Resident satisfaction with e-services", "Percent", "survey", 0, 100, 1, K_PERCENT},
      {"Average request resolution time", "Days", "administrative records", 0, 30, -1, K_RATE},
      {"Complaints per 10,000 residents", "Complaints per 10,000", "administrative records", 0, 200, -1, K_RATE}}},
};
#define N_PILLARS (sizeof pillars / sizeof pillars[0])

/* DEA variables: carried in the panel (type "other"), not in the tree. */
typedef struct dea_info {
    const char *code, *name, *unit;
    int is_output;
} dea_info;

static const dea_info dea_vars[] = {
    {"budget", "Digital-government budget", "Million CNY", 0},
    {"staff", "Data-bureau staff", "FTE", 0},
    {"platforms", "Digital platforms operated", "platforms", 0},
    {"shared_datasets", "Datasets shared (open and inter-department)", "datasets", 1},
    {"services_online", "Government services online", "services", 1},
    {"resolved_requests", "Resident requests resolved", "Thousand requests", 1},
    {"satisfaction", "Resident satisfaction score", "Score 0-100", 1},
};
#define N_DEA (sizeof dea_vars / sizeof dea_vars[0])

/* High-value datasets of the open-data inventory. */
typedef struct inv_info {
    const char *code, *category, *department, *frequency;
    double difficulty; /* > 0: less often open */
} inv_info;

static const inv_info inv_list[] = {
    {"budget", "finance", "Finance Bureau 财政局", "annual", 0.2},
    {"spending", "finance", "Finance Bureau 财政局", "quarterly", 0.8},
    {"procurement", "finance", "Public Resources Trading Centre 公共资源交易中心", "daily", 0.4},
    {"company_register", "business", "Market Regulation Administration 市场监管局", "daily", 0.3},
    {"land_ownership", "geospatial", "Natural Resources Bureau 自然资源局", "monthly", 1.2},
    {"maps", "geospatial", "Natural Resources Bureau 自然资源局", "annual", 0.5},
    {"transport_timetables", "transport", "Transport Bureau 交通运输局", "weekly", 0.1},
    {"bus_realtime", "transport", "Transport Bureau 交通运输局", "real-time", 0.9},
    {"air_quality", "environment", "Ecology and Environment Bureau 生态环境局", "hourly", 0.0},
    {"water_quality", "environment", "Ecology and Environment Bureau 生态环境局", "monthly", 0.5},
    {"hospitals", "health", "Health Commission 卫生健康委员会", "annual", 0.2},
    {"schools", "education", "Education Bureau 教育局", "annual", 0.2},
    {"crime_statistics", "public safety", "Public Security Bureau 公安局", "annual", 1.5},
    {"legislation", "law", "Justice Bureau 司法局", "monthly", 0.3},
    {"statistics", "statistics", "Statistics Bureau 统计局", "annual", 0.0},
    {"housing_prices", "housing", "Housing and Urban-Rural Development Bureau 住建局", "monthly", 0.7},
    {"social_assistance", "social", "Civil Affairs Bureau 民政局", "monthly", 1.0},
    {"enterprise_credit", "business", "Development and Reform Commission 发展改革委", "daily", 0.4},
    {"traffic_flow", "transport", "Public Security Bureau 公安局", "real-time", 1.1},
    {"weather", "environment", "Meteorological Bureau 气象局", "hourly", 0.0},
};
#define N_INV (sizeof inv_list / sizeof inv_list[0])

/* Actors: the sector of slot i cycles through this pattern (20 slots:
 * 6 gov-dept, 3 district-gov, 4 enterprise, 2 social-org, 1 media,
 * 2 academia, 2 public-platform). */
static const char *const sector_pattern[] = {
    "gov-dept", "gov-dept", "public-platform", "district-gov", "enterprise",
    "gov-dept", "social-org", "academia", "gov-dept", "enterprise",
    "district-gov", "media", "gov-dept", "enterprise", "social-org",
    "public-platform", "gov-dept", "academia", "district-gov", "enterprise",
};
#define N_PATTERN (sizeof sector_pattern / sizeof sector_pattern[0])

/* Actor names: {Chinese, English}. */
typedef struct name_pair {
    const char *zh, *en;
} name_pair;

static const name_pair gov_names[] = {
    {"大数据管理局", "Big Data Bureau"}, {"财政局", "Finance Bureau"}, {"交通运输局", "Transport Bureau"},
    {"卫生健康委员会", "Health Commission"}, {"教育局", "Education Bureau"}, {"民政局", "Civil Affairs Bureau"},
    {"公安局", "Public Security Bureau"}, {"生态环境局", "Ecology and Environment Bureau"},
    {"市场监管局", "Market Regulation Administration"}, {"自然资源局", "Natural Resources Bureau"},
};
static const name_pair platform_names[] = {
    {"12345热线", "12345 Citizen Hotline"}, {"公共数据开放平台", "Open Data Portal"},
    {"城市服务App", "City Service App"}, {"政务服务中心", "Government Affairs Service Centre"},
};
static const name_pair enterprise_names[] = {
    {"电信运营商", "Telecom Operator"}, {"云服务商", "Cloud Provider"}, {"地图服务公司", "Map Services Company"},
    {"金融科技公司", "Fintech Company"}, {"智慧出行公司", "Smart Mobility Company"},
};
static const name_pair social_names[] = {
    {"居民议事会", "Residents' Council"}, {"志愿者协会", "Volunteer Association"},
    {"消费者协会", "Consumer Association"}, {"老年协会", "Elderly Association"},
};
static const name_pair academia_names[] = {
    {"大学", "University"}, {"社会科学院", "Academy of Social Sciences"}, {"规划研究院", "Urban Planning Institute"},
};
static const name_pair media_names[] = {
    {"日报社", "Daily"}, {"广播电视台", "Radio and Television"},
};
static const name_pair district_gov_name = {"区政府", "District Government"};

#define NAME_OF(list, k) (list)[(k) % (sizeof(list) / sizeof((list)[0]))]

static const char *const layers[] = {"data", "project", "consultation"};

/* ------------------------------------------------------------------ */
/* Parameters and the generator                                        */
/* ------------------------------------------------------------------ */

typedef struct synth_params {
    uint64_t seed;
    size_t cities, years, indicators;
    size_t districts_per_city, actors_per_city, inventory_datasets;
    int last_year;
    const char *title;
} synth_params;

#define SYNTH_PARAMS_INIT { 1, 30, 5, 36, 3, 12, 10, 2023, NULL }

/* Per-city latent levels, drawn once. */
typedef struct city_state {
    double dev;     /* common development factor */
    double lat[3];  /* openness, coverage, collaboration */
    double pop;     /* population in thousands, first year */
    double growth;  /* yearly population growth rate */
    double eff;     /* DEA efficiency in (0, 1] */
} city_state;

typedef struct synth {
    const synth_params *p;
    govidx_dataset *ds;
    city_state *cs;
    char **codes;      /* unit codes */
    int *years;
    size_t n_ind;      /* index indicators (tree leaves) */
    size_t j_pop;      /* panel column of population */
    size_t j_dea;      /* first panel column of the DEA variables */
    size_t j_ce;       /* first panel column of the collaboration framework's variables */
    size_t j_oi;       /* first panel column of the openness framework's variables */
    int *ind_pillar;   /* per index indicator: pillar number */
    int *ind_slot;     /* per index indicator: template slot 0..3 */
    int *ind_variant;  /* per index indicator: 0 or a variant number */
} synth;

static int fail(const char *what, int rc)
{
    const char *detail = govidx_last_error();
    fprintf(stderr, "govidx-synth: %s: %s\n", what, detail && *detail ? detail : govidx_strerror(rc));
    return rc;
}

#define CHECK(call, what)                  \
    do {                                   \
        int rc_ = (call);                  \
        if (rc_ != GOVIDX_OK)              \
            return fail((what), rc_);      \
    } while (0)

static int oom(void)
{
    fprintf(stderr, "govidx-synth: out of memory\n");
    return GOVIDX_ENOMEM;
}

static char *xstrdup(const char *src)
{
    size_t n = strlen(src) + 1;
    char *d = malloc(n);
    if (d)
        memcpy(d, src, n);
    return d;
}

/* Chinese and English city names (64-byte buffers). */
static void city_names(size_t c, char *zh, char *en)
{
    if (c < N_NAMED_CITIES) {
        snprintf(zh, 64, "%s", cities[c].zh);
        snprintf(en, 64, "%s", cities[c].en);
    } else {
        snprintf(zh, 64, "合成市%zu", c + 1);
        snprintf(en, 64, "Synthetic City %zu", c + 1);
    }
}

static double city_pop(const synth *s, size_t c, size_t t)
{
    return s->cs[c].pop * pow(1.0 + s->cs[c].growth, (double)t);
}

/* Time trend centred on the middle year: things improve by ~0.25 logit/yr. */
static double trend(const synth *s, size_t t)
{
    return 0.25 * ((double)t - 0.5 * (double)(s->p->years - 1));
}

static int make_units(synth *s)
{
    const synth_params *p = s->p;
    size_t n = p->cities, c;
    char **names = calloc(n, sizeof *names);
    const char **region = calloc(n, sizeof *region), **tier = calloc(n, sizeof *tier);
    int rc = GOVIDX_OK;
    s->codes = calloc(n, sizeof *s->codes);
    s->cs = calloc(n, sizeof *s->cs);
    if (!names || !region || !tier || !s->codes || !s->cs) {
        rc = oom();
        goto done;
    }
    for (c = 0; c < n; c++) {
        city_state *st = &s->cs[c];
        char buf[128];
        double g = gauss(p->seed, T_CITY, c, 0, 0);
        if (c < N_NAMED_CITIES) {
            s->codes[c] = xstrdup(cities[c].code);
            snprintf(buf, sizeof buf, "%s %s", cities[c].zh, cities[c].en);
            region[c] = cities[c].region;
            tier[c] = cities[c].tier;
            st->pop = cities[c].pop * exp(0.05 * gauss(p->seed, T_POP, c, 0, 0));
            /* Larger, higher-tier cities start ahead. */
            g = 0.6 * g + 0.25 * log(cities[c].pop / 9000.0) + (c < 4 ? 0.6 : 0.0);
        } else {
            snprintf(buf, sizeof buf, "city%06zu", c + 1);
            s->codes[c] = xstrdup(buf);
            {
                char zh[64], en[64];
                city_names(c, zh, en);
                snprintf(buf, sizeof buf, "%s %s", zh, en);
            }
            region[c] = regions[draw(p->seed, T_CITY, c, 1, 0) % 4];
            st->pop = 3000.0 * exp(0.8 * gauss(p->seed, T_POP, c, 0, 0));
            tier[c] = st->pop > 8000 ? "2nd-tier" : st->pop > 2000 ? "3rd-tier" : "4th-tier";
        }
        names[c] = xstrdup(buf);
        if (!s->codes[c] || !names[c]) {
            rc = oom();
            goto done;
        }
        st->dev = g;
        /* Correlated dimension levels: loadings 0.8 on the common factor. */
        st->lat[0] = 0.8 * g + 0.6 * gauss(p->seed, T_CITY, c, 2, 0);
        st->lat[1] = 0.8 * g + 0.6 * gauss(p->seed, T_CITY, c, 2, 1);
        st->lat[2] = 0.8 * g + 0.6 * gauss(p->seed, T_CITY, c, 2, 2);
        st->growth = 0.01 + 0.01 * gauss(p->seed, T_POP, c, 1, 0);
        /* Half-normal inefficiency, smaller for collaborative cities. */
        st->eff = exp(-fabs(0.25 * gauss(p->seed, T_DEA, c, 0, 0)) * (1.0 - 0.3 * logistic(st->lat[2])));
    }
    rc = govidx_dataset_set_units(s->ds, n, (const char *const *)s->codes, (const char *const *)names);
    if (rc) {
        rc = fail("units", rc);
        goto done;
    }
    if ((rc = govidx_dataset_add_group(s->ds, "region", region)) != GOVIDX_OK ||
        (rc = govidx_dataset_add_group(s->ds, "tier", tier)) != GOVIDX_OK)
        rc = fail("unit groups", rc);
done:
    if (names)
        for (c = 0; c < n; c++)
            free(names[c]);
    free(names);
    free(region);
    free(tier);
    return rc;
}

static int make_years(synth *s)
{
    size_t t;
    s->years = calloc(s->p->years, sizeof *s->years);
    if (!s->years)
        return oom();
    for (t = 0; t < s->p->years; t++)
        s->years[t] = s->p->last_year - (int)(s->p->years - 1 - t);
    CHECK(govidx_dataset_set_years(s->ds, s->p->years, s->years), "years");
    return GOVIDX_OK;
}

/* Indicators: M leaves spread over the nine pillars in order, pillar p
 * getting M/9 (+1 for the first M%9); then population and the DEA set. */
static int make_indicators(synth *s)
{
    size_t m = s->p->indicators, k, pl, j = 0;
    static const double weight_cycle[] = {1.0, 1.0, 0.5, 1.5};
    char code[64], name[256];
    govidx_node node = GOVIDX_NODE_INIT;
    s->ind_pillar = calloc(m, sizeof *s->ind_pillar);
    s->ind_slot = calloc(m, sizeof *s->ind_slot);
    s->ind_variant = calloc(m, sizeof *s->ind_variant);
    if (!s->ind_pillar || !s->ind_slot || !s->ind_variant)
        return oom();
    /* Nodes: root, the sub-indices and pillars that receive indicators. */
    node.code = "GOVIDX";
    node.name = "Smart-city governance index 智慧城市治理指数";
    node.level = 4;
    CHECK(govidx_dataset_add_node(s->ds, &node), "framework root");
    for (k = 0; k < 3; k++) {
        if (3 * k >= m)
            break; /* the sub-index's first pillar is empty, so is the sub-index */
        node = (govidx_node)GOVIDX_NODE_INIT;
        node.code = subindices[k].code;
        node.name = subindices[k].name;
        node.parent = subindices[k].parent;
        node.level = subindices[k].level;
        CHECK(govidx_dataset_add_node(s->ds, &node), "framework sub-index");
    }
    for (pl = 0; pl < N_PILLARS; pl++) {
        size_t count = m / N_PILLARS + (pl < m % N_PILLARS), q;
        if (!count)
            continue;
        node = (govidx_node)GOVIDX_NODE_INIT;
        node.code = pillars[pl].code;
        node.name = pillars[pl].name;
        node.parent = subindices[pillars[pl].dim].code;
        node.level = 2;
        CHECK(govidx_dataset_add_node(s->ds, &node), "framework pillar");
        for (q = 0; q < count; q++, j++) {
            const ind_template *t = &pillars[pl].t[q % 4];
            govidx_indicator ind = GOVIDX_INDICATOR_INIT;
            s->ind_pillar[j] = (int)pl;
            s->ind_slot[j] = (int)(q % 4);
            s->ind_variant[j] = (int)(q / 4);
            snprintf(code, sizeof code, "%s.%zu", pillars[pl].code, q + 1);
            if (q < 4)
                snprintf(name, sizeof name, "%s", t->name);
            else
                snprintf(name, sizeof name, "%s (variant %zu)", t->name, q / 4 + 1);
            ind.code = code;
            ind.name = name;
            ind.unit = t->unit;
            ind.parent = pillars[pl].code;
            ind.source = t->source;
            ind.direction = t->direction;
            ind.type = GOVIDX_VAR_INDICATOR;
            ind.weight = weight_cycle[q % 4];
            if (pl == 0 && q == 0) {
                /* A raw count denominated by population, COINr style:
                 * goalposts apply after denomination, so none are set. */
                ind.denominator = "population";
            } else {
                ind.goal_low = t->lo;
                ind.goal_high = t->hi;
                ind.target = t->direction > 0 ? t->lo + 0.9 * (t->hi - t->lo) : t->lo + 0.1 * (t->hi - t->lo);
            }
            CHECK(govidx_dataset_add_indicator(s->ds, &ind), "indicator");
        }
    }
    s->n_ind = m;
    {
        govidx_indicator ind = GOVIDX_INDICATOR_INIT;
        ind.code = "population";
        ind.name = "Resident population 常住人口";
        ind.unit = "Thousand persons";
        ind.source = "statistical yearbook";
        ind.type = GOVIDX_VAR_DENOMINATOR;
        ind.weight = 0;
        CHECK(govidx_dataset_add_indicator(s->ds, &ind), "population");
        s->j_pop = m;
    }
    s->j_dea = m + 1;
    for (k = 0; k < N_DEA; k++) {
        govidx_indicator ind = GOVIDX_INDICATOR_INIT;
        ind.code = dea_vars[k].code;
        ind.name = dea_vars[k].name;
        ind.unit = dea_vars[k].unit;
        ind.source = "administrative records";
        ind.type = GOVIDX_VAR_OTHER;
        ind.weight = 0;
        CHECK(govidx_dataset_add_indicator(s->ds, &ind), "DEA variable");
    }
    for (k = 0; k < N_DEA; k++)
        CHECK(govidx_dataset_add_dea_var(s->ds, dea_vars[k].code, dea_vars[k].is_output, 0u),
              "DEA variable list");
    /* The collaboration index's process and subsystem indicators
     * (govidx_collaboration_framework), carried as "other" variables. */
    {
        const govidx_ce_indicator *fw = NULL;
        size_t nf = govidx_collaboration_framework(&fw);
        s->j_ce = s->j_dea + N_DEA;
        for (k = 0; k < nf; k++) {
            govidx_indicator ind = GOVIDX_INDICATOR_INIT;
            ind.code = fw[k].code;
            ind.name = fw[k].name;
            ind.unit = fw[k].unit;
            ind.source = fw[k].layer == 2 ? "administrative records" : "survey and administrative records";
            ind.type = GOVIDX_VAR_OTHER;
            ind.direction = fw[k].direction;
            ind.weight = 0;
            CHECK(govidx_dataset_add_indicator(s->ds, &ind), "collaboration variable");
        }
        /* The openness framework O1-O5 (govidx_openness_framework), also
         * "other" variables; its checklist score comes from the inventory. */
        {
            const govidx_openness_indicator *oi = NULL;
            size_t no = govidx_openness_framework(&oi), q;
            s->j_oi = s->j_ce + nf;
            for (q = 0; q < no; q++) {
                govidx_indicator ind = GOVIDX_INDICATOR_INIT;
                if (!strcmp(oi[q].code, "checklist_score"))
                    continue;
                ind.code = oi[q].code;
                ind.name = oi[q].name;
                ind.unit = oi[q].unit;
                ind.source = oi[q].pillar == 1 ? "document review" : "portal audit";
                ind.type = GOVIDX_VAR_OTHER;
                ind.direction = oi[q].direction;
                ind.weight = 0;
                CHECK(govidx_dataset_add_indicator(s->ds, &ind), "openness variable");
            }
        }
    }
    return GOVIDX_OK;
}

/* An openness-framework cell, driven by the city's openness level; flags
 * (goalposts 0-1 with unit "0/1") are 0 or 1, the regulation level 0, 0.5
 * or 1. */
static double oi_value(const synth *s, size_t c, size_t t, const govidx_openness_indicator *oi, size_t q)
{
    uint64_t seed = s->p->seed;
    double z = 1.2 * (0.8 * s->cs[c].lat[0] + 0.6 * gauss(seed, T_OI, c, q, 0)) + trend(s, t) +
               0.25 * gauss(seed, T_OI, c, t, q + 100);
    double sc = logistic(z), v;
    if (!strcmp(oi->unit, "0/1"))
        return sc > 0.5 ? 1.0 : 0.0;
    if (!strcmp(oi->code, "open_data_regulation"))
        return sc < 0.35 ? 0.0 : sc < 0.7 ? 0.5 : 1.0;
    sc = 0.03 + 0.94 * sc;
    v = oi->direction > 0 ? oi->goal_low + sc * (oi->goal_high - oi->goal_low)
                          : oi->goal_high - sc * (oi->goal_high - oi->goal_low);
    return oi->goal_high > 1 ? round(v * 100.0) / 100.0 : round(v * 1000.0) / 1000.0;
}

/* A collaboration-framework cell: like indicator_value, driven by the
 * city's collaboration level, the trend and noise, on the framework's
 * goalpost range (reversed for direction -1). */
static double ce_value(const synth *s, size_t c, size_t t, size_t k)
{
    const govidx_ce_indicator *fw = NULL;
    uint64_t seed = s->p->seed;
    double z, sc, v;
    govidx_collaboration_framework(&fw);
    z = 1.2 * (0.8 * s->cs[c].lat[2] + 0.6 * gauss(seed, T_CE, c, k, 0)) + trend(s, t) +
        0.25 * gauss(seed, T_CE, c, t, k + 100);
    sc = 0.05 + 0.9 * logistic(z);
    v = fw[k].direction > 0 ? fw[k].goal_low + sc * (fw[k].goal_high - fw[k].goal_low)
                            : fw[k].goal_high - sc * (fw[k].goal_high - fw[k].goal_low);
    return round(v * 100.0) / 100.0;
}

/* One index-indicator cell.  The score s in (0,1) rises with the city's
 * level on the indicator's dimension, a persistent city-indicator effect,
 * the time trend and yearly noise; the value maps s onto the plausible
 * range, reversed for direction -1. */
static double indicator_value(const synth *s, size_t c, size_t t, size_t j)
{
    const pillar_info *pl = &pillars[s->ind_pillar[j]];
    const ind_template *tp = &pl->t[s->ind_slot[j]];
    uint64_t seed = s->p->seed;
    double load = 0.85, z, sc, v;
    z = 1.3 * (load * s->cs[c].lat[pl->dim] + sqrt(1 - load * load) * gauss(seed, T_CITYIND, c, j, 0)) +
        trend(s, t) + 0.25 * gauss(seed, T_CELL, c, t, j) - 0.2 * s->ind_variant[j];
    sc = logistic(z);
    if (s->ind_pillar[j] == 0 && s->ind_slot[j] == 0) {
        /* Open datasets: a per-100k-resident rate (0..30) times population. */
        return round(30.0 * sc * city_pop(s, c, t) / 100.0);
    }
    v = tp->direction > 0 ? tp->lo + sc * (tp->hi - tp->lo) : tp->hi - sc * (tp->hi - tp->lo);
    if (tp->kind == K_COUNT)
        v = round(v);
    else
        v = round(v * 100.0) / 100.0;
    return v;
}

/* DEA inputs and outputs: a Cobb-Douglas frontier in budget, staff and
 * platforms times the city's efficiency; all values strictly positive. */
static double dea_value(const synth *s, size_t c, size_t t, size_t k)
{
    uint64_t seed = s->p->seed;
    double pop = city_pop(s, c, t), dev = s->cs[c].dev;
    double budget = 0.08 * pop * exp(0.3 * dev + 0.08 * (double)t + 0.15 * gauss(seed, T_DEA, c, t, 1));
    double staff = round(20.0 + 0.004 * pop * exp(0.2 * dev + 0.2 * gauss(seed, T_DEA, c, t, 2)));
    double platforms = round(3.0 + 8.0 * logistic(dev + 0.2 * (double)t + 0.5 * gauss(seed, T_DEA, c, t, 3)));
    double frontier = pow(budget, 0.4) * pow(staff, 0.3) * pow(platforms, 0.3);
    double e = s->cs[c].eff, v;
    switch (k) {
    case 0: v = round(budget * 10.0) / 10.0; break;
    case 1: v = staff; break;
    case 2: v = platforms; break;
    case 3: v = round(12.0 * frontier * e * exp(0.1 * gauss(seed, T_DEA, c, t, 4))); break;
    case 4: v = round(9.0 * frontier * e * exp(0.1 * gauss(seed, T_DEA, c, t, 5))); break;
    case 5: v = round(4.0 * frontier * e * exp(0.1 * gauss(seed, T_DEA, c, t, 6)) * 10.0) / 10.0; break;
    default: v = round((55.0 + 43.0 * e * logistic(s->cs[c].lat[2] + 1.0)) * 10.0) / 10.0; break;
    }
    return v > 0 ? v : 1.0;
}

static int make_panel(synth *s)
{
    const synth_params *p = s->p;
    uint64_t seed = p->seed;
    size_t c, t, j, k;
    for (t = 0; t < p->years; t++) {
        for (j = 0; j < s->n_ind; j++) {
            const ind_template *tp = &pillars[s->ind_pillar[j]].t[s->ind_slot[j]];
            int survey = !strcmp(tp->source, "survey");
            int yearbook = !strcmp(tp->source, "statistical yearbook");
            for (c = 0; c < p->cities; c++) {
                double v, u = unif(seed, T_MISS, c, t, j);
                /* 3% missing at random; surveys were not run in the first
                 * year in about 40% of the cities. */
                if (u < 0.03 || (survey && t == 0 && unif(seed, T_SURVEY, c, j, 0) < 0.4))
                    continue; /* the panel starts all-missing */
                v = indicator_value(s, c, t, j);
                CHECK(govidx_dataset_set_value(s->ds, c, t, j, v), "panel value");
                if (survey) {
                    /* Sample survey of n = 400 residents: SE of a percentage. */
                    double q = v / 100.0, se = 100.0 * sqrt(q * (1.0 - q) / 400.0);
                    CHECK(govidx_dataset_set_cell_meta(s->ds, c, t, j, GOVIDX_FLAG_ESTIMATED,
                                                       round(se * 1000.0) / 1000.0),
                          "panel cell metadata");
                } else if (yearbook && t + 1 == p->years && unif(seed, T_FLAG, c, j, 0) < 0.2) {
                    CHECK(govidx_dataset_set_cell_meta(s->ds, c, t, j, GOVIDX_FLAG_PROVISIONAL, NAN),
                          "panel cell metadata");
                }
            }
        }
        for (c = 0; c < p->cities; c++) {
            CHECK(govidx_dataset_set_value(s->ds, c, t, s->j_pop, round(city_pop(s, c, t) * 10.0) / 10.0),
                  "population");
            for (k = 0; k < N_DEA; k++)
                CHECK(govidx_dataset_set_value(s->ds, c, t, s->j_dea + k, dea_value(s, c, t, k)),
                      "DEA value");
            for (k = 0; k < govidx_collaboration_framework(NULL); k++)
                if (unif(seed, T_CE, c, t, k + 200) >= 0.03) /* 3% missing */
                    CHECK(govidx_dataset_set_value(s->ds, c, t, s->j_ce + k, ce_value(s, c, t, k)),
                          "collaboration value");
            {
                const govidx_openness_indicator *oi = NULL;
                size_t no = govidx_openness_framework(&oi), q, col = s->j_oi;
                for (q = 0; q < no; q++) {
                    if (!strcmp(oi[q].code, "checklist_score"))
                        continue;
                    if (unif(seed, T_OI, c, t, q + 200) >= 0.03) /* 3% missing */
                        CHECK(govidx_dataset_set_value(s->ds, c, t, col, oi_value(s, c, t, &oi[q], q)),
                              "openness value");
                    col++;
                }
            }
        }
    }
    return GOVIDX_OK;
}

/* Districts: per city K districts (level 1), each with 2 sub-districts
 * (level 2) of 3 communities (level 3).  Populations split the city's
 * population; coverage shares are drawn for communities and averaged,
 * population-weighted, up the tree.  About 8% of communities start as
 * "white zones" with no coverage at all; each is connected in a year drawn
 * for it (possibly after the panel ends). */
enum { SUBS = 2, COMMS = 3, N_DVARS = 4 };
static const char *const dvar_names[N_DVARS] = {"broadband_share", "mobile_5g_share", "egov_use_share",
                                                "service_point"};
static const char *const dvar_units[N_DVARS] = {"share of households", "share of residents",
                                                "share of residents", "1 = has a digital service point"};

static int make_districts(synth *s)
{
    const synth_params *p = s->p;
    uint64_t seed = p->seed;
    size_t K = p->districts_per_city, per_city = K * (1 + SUBS + SUBS * COMMS);
    size_t c, d, q, m, t, v, base;
    char dcode[96], scode[128], ccode[160], name[256];
    if (!K)
        return GOVIDX_OK;
    for (v = 0; v < N_DVARS; v++)
        CHECK(govidx_dataset_add_district_var(s->ds, dvar_names[v], dvar_units[v]), "district variable");
    for (c = 0; c < p->cities; c++) {
        char zh[64], en[64];
        city_names(c, zh, en);
        for (d = 0; d < K; d++) {
            govidx_district dist = GOVIDX_DISTRICT_INIT;
            snprintf(dcode, sizeof dcode, "%s-D%zu", s->codes[c], d + 1);
            snprintf(name, sizeof name, "%s第%zu区 %s District %zu", zh, d + 1, en, d + 1);
            dist.code = dcode;
            dist.name = name;
            dist.unit = s->codes[c];
            dist.level = 1;
            CHECK(govidx_dataset_add_district(s->ds, &dist), "district");
            for (q = 0; q < SUBS; q++) {
                govidx_district sub = GOVIDX_DISTRICT_INIT;
                snprintf(scode, sizeof scode, "%s-D%zu-S%zu", s->codes[c], d + 1, q + 1);
                snprintf(name, sizeof name, "%s第%zu区第%zu街道 %s Sub-district %zu-%zu", zh, d + 1, q + 1, en,
                         d + 1, q + 1);
                sub.code = scode;
                sub.name = name;
                sub.unit = s->codes[c];
                sub.parent = dcode;
                sub.level = 2;
                CHECK(govidx_dataset_add_district(s->ds, &sub), "sub-district");
                for (m = 0; m < COMMS; m++) {
                    govidx_district com = GOVIDX_DISTRICT_INIT;
                    snprintf(ccode, sizeof ccode, "%s-D%zu-S%zu-C%zu", s->codes[c], d + 1, q + 1, m + 1);
                    snprintf(name, sizeof name, "%s社区%zu-%zu-%zu %s Community %zu-%zu-%zu", zh, d + 1, q + 1,
                             m + 1, en, d + 1, q + 1, m + 1);
                    com.code = ccode;
                    com.name = name;
                    com.unit = s->codes[c];
                    com.parent = scode;
                    com.level = 3;
                    com.area = round(100.0 * 2.0 * exp(0.9 * gauss(seed, T_AREA, c, d * 16 + q * 4 + m, 0))) /
                               100.0;
                    CHECK(govidx_dataset_add_district(s->ds, &com), "community");
                }
            }
        }
    }
    /* Values, year by year.  District indices follow the insertion order:
     * city c's block starts at c * per_city; inside a district block the
     * district comes first, then each sub-district followed by its
     * communities. */
    for (t = 0; t < p->years; t++) {
        for (c = 0; c < p->cities; c++) {
            double cpop = city_pop(s, c, t) * 1000.0, wsum = 0;
            double dshare[64];
            base = c * per_city;
            for (d = 0; d < K; d++) {
                double w = exp(0.5 * gauss(seed, T_DIST, c, d, 0));
                if (d < 64)
                    dshare[d] = w;
                wsum += w;
            }
            for (d = 0; d < K; d++) {
                size_t di = base + d * (1 + SUBS + SUBS * COMMS);
                double dw = (d < 64 ? dshare[d] : exp(0.5 * gauss(seed, T_DIST, c, d, 0))) / wsum;
                double dpop = 0, dacc[N_DVARS] = {0};
                /* Rural outer districts lag behind. */
                double deff = 0.5 * gauss(seed, T_DIST, c, d, 1) - 0.3 * (double)d;
                for (q = 0; q < SUBS; q++) {
                    size_t si = di + 1 + q * (1 + COMMS);
                    double spop = 0, sacc[N_DVARS] = {0}, qw[COMMS], qsum = 0;
                    for (m = 0; m < COMMS; m++)
                        qsum += qw[m] = exp(0.6 * gauss(seed, T_DIST, c, d * 16 + q * 4 + m, 2));
                    for (m = 0; m < COMMS; m++) {
                        size_t ci = si + 1 + m;
                        uint64_t cid = d * 16 + q * 4 + m;
                        double pop = round(cpop * dw * 0.5 * (1.0 + 0.2 * gauss(seed, T_DIST, c, d * 4 + q, 3)) *
                                           qw[m] / qsum * (1.0 + 0.01 * gauss(seed, T_DISTY, c, cid, t)));
                        double zc = 1.5 + 0.8 * s->cs[c].lat[1] + deff + 0.5 * gauss(seed, T_DIST, c, cid, 4) +
                                    0.35 * (double)t;
                        int white = unif(seed, T_WHITE, c, cid, 0) < 0.08 &&
                                    (double)t < (double)p->years * 1.5 * unif(seed, T_WHITE, c, cid, 1);
                        double val[N_DVARS];
                        if (pop < 0)
                            pop = 0;
                        val[0] = white ? 0.0 : logistic(zc + 0.15 * gauss(seed, T_DISTY, c, cid, 100 + t));
                        val[1] = white ? 0.0 : logistic(zc - 1.0 + 0.6 * (double)t);
                        val[2] = white ? 0.0 : logistic(zc - 1.5 + 0.2 * gauss(seed, T_DISTY, c, cid, 200 + t));
                        val[3] = (!white && unif(seed, T_DISTY, c, cid, 300 + t) < logistic(zc - 0.5)) ? 1.0 : 0.0;
                        CHECK(govidx_dataset_set_district_population(s->ds, ci, t, pop), "community population");
                        for (v = 0; v < N_DVARS; v++) {
                            if (v < 3)
                                val[v] = round(val[v] * 10000.0) / 10000.0;
                            CHECK(govidx_dataset_set_district_value(s->ds, ci, t, v, val[v]), "community value");
                            sacc[v] += pop * val[v];
                        }
                        spop += pop;
                    }
                    CHECK(govidx_dataset_set_district_population(s->ds, si, t, spop), "sub-district population");
                    for (v = 0; v < N_DVARS; v++) {
                        CHECK(govidx_dataset_set_district_value(s->ds, si, t, v,
                                                                spop > 0 ? sacc[v] / spop : NAN),
                              "sub-district value");
                        dacc[v] += sacc[v];
                    }
                    dpop += spop;
                }
                CHECK(govidx_dataset_set_district_population(s->ds, di, t, dpop), "district population");
                for (v = 0; v < N_DVARS; v++)
                    CHECK(govidx_dataset_set_district_value(s->ds, di, t, v, dpop > 0 ? dacc[v] / dpop : NAN),
                          "district value");
            }
        }
    }
    return GOVIDX_OK;
}

/* Inventory: per city and year, D high-value datasets with the twelve
 * criteria.  P(yes) rises with the city's openness and over time; an
 * absent dataset answers No to everything else (GODI practice); about 3%
 * of the other answers are "unsure". */
static int make_inventory(synth *s)
{
    const synth_params *p = s->p;
    uint64_t seed = p->seed;
    size_t c, t, k, cr;
    char dcode[64], date[16];
    static const char *const open_formats[] = {"CSV", "JSON", "XLSX", "XML"};
    static const char *const closed_formats[] = {"PDF", "HTML", "DOC"};
    static const char *const open_licences[] = {"CC-BY-4.0", "CC0-1.0", "CC-BY-4.0", "ODC-By-1.0"};
    for (c = 0; c < p->cities; c++) {
        for (t = 0; t < p->years; t++) {
            double o = s->cs[c].lat[0] + trend(s, t);
            for (k = 0; k < p->inventory_datasets; k++) {
                const inv_info *iv = &inv_list[k % N_INV];
                govidx_inventory_entry e = GOVIDX_INVENTORY_ENTRY_INIT;
                signed char answers[GOVIDX_N_CRITERIA];
                double base = o - iv->difficulty;
                uint64_t key = k * 64;
                /* Baseline log-odds of "yes" per criterion (govidx_criterion order). */
                static const double off[GOVIDX_N_CRITERIA] = {2.5, 3.0, 1.0, 1.5, 2.0, 0.3,
                                                              -0.2, -0.6, 0.3, 0.5, -1.2, -0.8};
                e.answers = answers;
                e.n_answers = GOVIDX_N_CRITERIA;
                e.unit = s->codes[c];
                e.year = s->years[t];
                if (k < N_INV)
                    snprintf(dcode, sizeof dcode, "%s", iv->code);
                else
                    snprintf(dcode, sizeof dcode, "%s_%zu", iv->code, k / N_INV + 1);
                e.dataset = dcode;
                e.category = iv->category;
                e.department = iv->department;
                e.update_frequency = iv->frequency;
                for (cr = 0; cr < GOVIDX_N_CRITERIA; cr++)
                    answers[cr] = unif(seed, T_INV, c, t, key + cr) < logistic(base + off[cr])
                                        ? GOVIDX_ANSWER_YES : GOVIDX_ANSWER_NO;
                if (answers[GOVIDX_CRIT_EXISTS] == GOVIDX_ANSWER_NO) {
                    for (cr = 1; cr < GOVIDX_N_CRITERIA; cr++)
                        answers[cr] = GOVIDX_ANSWER_NO;
                } else {
                    if (answers[GOVIDX_CRIT_ONLINE] == GOVIDX_ANSWER_NO) {
                        answers[GOVIDX_CRIT_BULK] = GOVIDX_ANSWER_NO;
                        answers[GOVIDX_CRIT_API] = GOVIDX_ANSWER_NO;
                    }
                    for (cr = 1; cr < GOVIDX_N_CRITERIA; cr++)
                        if (unif(seed, T_INV, c, t, key + 32 + cr) < 0.03)
                            answers[cr] = GOVIDX_ANSWER_UNSURE;
                }
                if (answers[GOVIDX_CRIT_EXISTS] == GOVIDX_ANSWER_YES) {
                    uint64_t h = draw(seed, T_INV, c, t, key + 60);
                    e.format = answers[GOVIDX_CRIT_MACHINE_READABLE] == GOVIDX_ANSWER_YES
                                   ? open_formats[h % 4] : closed_formats[h % 3];
                    e.licence = answers[GOVIDX_CRIT_OPEN_LICENCE] == GOVIDX_ANSWER_YES
                                    ? open_licences[(h >> 8) % 4] : "terms of use";
                    snprintf(date, sizeof date, "%04d-%02d-%02d",
                             answers[GOVIDX_CRIT_UP_TO_DATE] == GOVIDX_ANSWER_NO ? e.year - 1 - (int)((h >> 16) % 3)
                                                                                 : e.year,
                             1 + (int)((h >> 24) % 12), 1 + (int)((h >> 32) % 28));
                    e.last_update = date;
                }
                CHECK(govidx_dataset_add_inventory(s->ds, &e), "inventory entry");
            }
        }
    }
    return GOVIDX_OK;
}

/* Base probability that an actor of sector a links to one of sector b in a
 * layer: data sharing runs among government bodies and platforms; projects
 * join government with enterprises and academia; consultations run from
 * government to social organisations, media, academia and residents'
 * platforms. */
static int is_gov(const char *sec)
{
    return !strcmp(sec, "gov-dept") || !strcmp(sec, "district-gov") || !strcmp(sec, "public-platform");
}

static double link_base(int layer, const char *a, const char *b)
{
    int ga = is_gov(a), gb = is_gov(b);
    switch (layer) {
    case 0:
        if (ga && gb)
            return 0.35;
        if ((ga && !strcmp(b, "enterprise")) || (gb && !strcmp(a, "enterprise")))
            return 0.12;
        return 0.02;
    case 1:
        if ((ga && (!strcmp(b, "enterprise") || !strcmp(b, "academia"))) ||
            (gb && (!strcmp(a, "enterprise") || !strcmp(a, "academia"))))
            return 0.25;
        if (ga && gb)
            return 0.12;
        return 0.03;
    default:
        if (ga && (!strcmp(b, "social-org") || !strcmp(b, "media") || !strcmp(b, "academia")))
            return 0.4;
        if (gb && (!strcmp(a, "social-org") || !strcmp(a, "media")))
            return 0.2;
        return 0.01;
    }
}

static int make_networks(synth *s)
{
    const synth_params *p = s->p;
    uint64_t seed = p->seed;
    size_t A = p->actors_per_city, c, i, j, t;
    int l;
    char code[96], to[96], name[256];
    static const double wscale[3] = {8.0, 2.0, 3.0}; /* datasets, projects, consultations */
    for (c = 0; c < p->cities; c++) {
        char city_en[64], city_zh[64];
        city_names(c, city_zh, city_en);
        for (i = 0; i < A; i++) {
            const char *sec = sector_pattern[i % N_PATTERN];
            const name_pair *np;
            govidx_actor a;
            size_t k;
            /* k-th actor of this sector in the city. */
            for (k = 0, j = 0; j < i; j++)
                k += !strcmp(sector_pattern[j % N_PATTERN], sec);
            if (!strcmp(sec, "gov-dept"))
                np = &NAME_OF(gov_names, k);
            else if (!strcmp(sec, "district-gov"))
                np = &district_gov_name;
            else if (!strcmp(sec, "public-platform"))
                np = &NAME_OF(platform_names, k);
            else if (!strcmp(sec, "enterprise"))
                np = &NAME_OF(enterprise_names, k);
            else if (!strcmp(sec, "social-org"))
                np = &NAME_OF(social_names, k);
            else if (!strcmp(sec, "academia"))
                np = &NAME_OF(academia_names, k);
            else
                np = &NAME_OF(media_names, k);
            /* Government bodies are unique per city; other sectors are numbered. */
            if (!strcmp(sec, "district-gov"))
                snprintf(name, sizeof name, "%s第%zu%s %s District %zu Government", city_zh, k + 1, np->zh, city_en,
                         k + 1);
            else if ((!strcmp(sec, "gov-dept") && k < sizeof gov_names / sizeof gov_names[0]) ||
                     (!strcmp(sec, "public-platform") && k < sizeof platform_names / sizeof platform_names[0]))
                snprintf(name, sizeof name, "%s%s %s %s", city_zh, np->zh, city_en, np->en);
            else
                snprintf(name, sizeof name, "%s%s%zu %s %s %zu", city_zh, np->zh, k + 1, city_en, np->en, k + 1);
            snprintf(code, sizeof code, "%s:A%02zu", s->codes[c], i + 1);
            a.version = GOVIDX_ACTOR_VERSION;
            a.code = code;
            a.name = name;
            a.unit = s->codes[c];
            a.sector = sec;
            a.level = !strcmp(sec, "gov-dept") || !strcmp(sec, "public-platform") ? "municipal"
                      : !strcmp(sec, "district-gov")                              ? "district"
                                                                                  : NULL;
            CHECK(govidx_dataset_add_actor(s->ds, &a), "actor");
        }
    }
    /* Edges: a pair's time-invariant propensity u is compared with a
     * threshold that grows with the city's collaboration level and over
     * time, so networks densify and ties persist from year to year. */
    for (c = 0; c < p->cities; c++) {
        for (t = 0; t < p->years; t++) {
            double lift = 0.5 + logistic(s->cs[c].lat[2] + trend(s, t));
            for (l = 0; l < 3; l++) {
                for (i = 0; i < A; i++) {
                    for (j = 0; j < A; j++) {
                        govidx_edge e;
                        double u, pr;
                        if (i == j)
                            continue;
                        u = unif(seed, T_EDGE, c, (uint64_t)l, i * A + j);
                        pr = link_base(l, sector_pattern[i % N_PATTERN], sector_pattern[j % N_PATTERN]) * lift;
                        if (u >= pr)
                            continue;
                        snprintf(code, sizeof code, "%s:A%02zu", s->codes[c], i + 1);
                        snprintf(to, sizeof to, "%s:A%02zu", s->codes[c], j + 1);
                        e.version = GOVIDX_EDGE_VERSION;
                        e.unit = s->codes[c];
                        e.year = s->years[t];
                        e.layer = layers[l];
                        e.from = code;
                        e.to = to;
                        e.weight = 1.0 + floor(-wscale[l] * log(unif(seed, T_EDGEW, c, t, (i * A + j) * 3 + l)) *
                                               (0.5 + 0.5 * lift));
                        CHECK(govidx_dataset_add_edge(s->ds, &e), "edge");
                    }
                }
            }
        }
    }
    return GOVIDX_OK;
}

static int make_attrs(synth *s)
{
    const synth_params *p = s->p;
    char buf[512];
    if (p->title)
        snprintf(buf, sizeof buf, "%s", p->title);
    else
        snprintf(buf, sizeof buf, "Synthetic smart-city governance panel (seed %" PRIu64 ")", p->seed);
    CHECK(govidx_dataset_set_attr(s->ds, "title", buf), "title");
    snprintf(buf, sizeof buf, "synthetic: govidx-synth seed %" PRIu64, p->seed);
    CHECK(govidx_dataset_set_attr(s->ds, "source", buf), "source");
    CHECK(govidx_dataset_set_attr(s->ds, "licence", "CC0-1.0"), "licence");
    CHECK(govidx_dataset_set_attr(s->ds, "synthetic", "yes"), "synthetic");
    snprintf(buf, sizeof buf,
             "govidx-synth --seed %" PRIu64 " --cities %zu --years %zu --indicators %zu --districts-per-city %zu "
             "--actors-per-city %zu --inventory-datasets %zu --last-year %d",
             p->seed, p->cities, p->years, p->indicators, p->districts_per_city, p->actors_per_city,
             p->inventory_datasets, p->last_year);
    CHECK(govidx_dataset_set_attr(s->ds, "generator", buf), "generator");
    CHECK(govidx_dataset_set_attr(s->ds, "comment",
                                  "All numbers are synthetic (made up by a seeded model); city names are real "
                                  "but the values say nothing about those cities."),
          "comment");
    return GOVIDX_OK;
}

static void synth_clear(synth *s)
{
    size_t c;
    if (s->codes)
        for (c = 0; c < s->p->cities; c++)
            free(s->codes[c]);
    free(s->codes);
    free(s->cs);
    free(s->years);
    free(s->ind_pillar);
    free(s->ind_slot);
    free(s->ind_variant);
}

/* Build the whole synthetic dataset in memory.  Returns GOVIDX_OK or the
 * first failing status (already reported on stderr). */
static int synth_build(const synth_params *p, govidx_dataset **out)
{
    synth s;
    int rc;
    memset(&s, 0, sizeof s);
    s.p = p;
    *out = NULL;
    rc = govidx_dataset_new(&s.ds);
    if (rc)
        return fail("new dataset", rc);
    if ((rc = make_attrs(&s)) || (rc = make_units(&s)) || (rc = make_years(&s)) || (rc = make_indicators(&s)) ||
        (rc = make_panel(&s)) || (rc = make_districts(&s)) || (rc = make_inventory(&s)) ||
        (rc = make_networks(&s))) {
        synth_clear(&s);
        govidx_dataset_close(s.ds);
        return rc;
    }
    synth_clear(&s);
    *out = s.ds;
    return GOVIDX_OK;
}

#ifndef GOVIDX_SYNTH_NO_MAIN

static void usage(FILE *f)
{
    fprintf(f,
            "usage: govidx-synth --seed S --cities N --years Y --indicators M\n"
            "                    [--districts-per-city K] [--actors-per-city A]\n"
            "                    [--inventory-datasets D] [--last-year L] [--title T] -o OUT.h5\n"
            "\n"
            "Writes a synthetic city dataset (format v1) with every block; the same\n"
            "arguments always give the same numbers.  Defaults: N 30, Y 5, M 36, K 3\n"
            "(each with 2 sub-districts of 3 communities), A 12, D 10, L 2023.  K, A or D = 0 leaves\n"
            "that block out (useful for large benchmark files).  OUT is replaced.\n");
}

static int parse_size(const char *opt, const char *s, size_t max, size_t *out)
{
    char *end;
    unsigned long long v;
    errno = 0;
    if (!s || !*s || *s == '-') {
        fprintf(stderr, "govidx-synth: %s needs a non-negative integer\n", opt);
        return 0;
    }
    v = strtoull(s, &end, 10);
    if (errno || *end || v > max) {
        fprintf(stderr, "govidx-synth: %s '%s' is not an integer in 0..%zu\n", opt, s, max);
        return 0;
    }
    *out = (size_t)v;
    return 1;
}

int main(int argc, char **argv)
{
    synth_params p = SYNTH_PARAMS_INIT;
    const char *outpath = NULL;
    size_t v;
    int i, rc, have_seed = 0;
    govidx_dataset *ds = NULL;
    for (i = 1; i < argc; i++) {
        const char *a = argv[i], *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (!strcmp(a, "-h") || !strcmp(a, "--help")) {
            usage(stdout);
            return 0;
        }
        if (!val) {
            fprintf(stderr, "govidx-synth: %s needs a value\n", a);
            usage(stderr);
            return 2;
        }
        i++;
        if (!strcmp(a, "--seed")) {
            if (!parse_size(a, val, SIZE_MAX, &v))
                return 2;
            p.seed = (uint64_t)v;
            have_seed = 1;
        } else if (!strcmp(a, "--cities")) {
            if (!parse_size(a, val, 100000000, &p.cities))
                return 2;
        } else if (!strcmp(a, "--years")) {
            if (!parse_size(a, val, 200, &p.years))
                return 2;
        } else if (!strcmp(a, "--indicators")) {
            if (!parse_size(a, val, 100000, &p.indicators))
                return 2;
        } else if (!strcmp(a, "--districts-per-city")) {
            if (!parse_size(a, val, 1000, &p.districts_per_city))
                return 2;
        } else if (!strcmp(a, "--actors-per-city")) {
            if (!parse_size(a, val, 999, &p.actors_per_city))
                return 2;
        } else if (!strcmp(a, "--inventory-datasets")) {
            if (!parse_size(a, val, 1000, &p.inventory_datasets))
                return 2;
        } else if (!strcmp(a, "--last-year")) {
            if (!parse_size(a, val, 9999, &v))
                return 2;
            p.last_year = (int)v;
        } else if (!strcmp(a, "--title")) {
            p.title = val;
        } else if (!strcmp(a, "-o") || !strcmp(a, "--output")) {
            outpath = val;
        } else {
            fprintf(stderr, "govidx-synth: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        }
    }
    if (!have_seed || !outpath) {
        fprintf(stderr, "govidx-synth: --seed and -o are required\n");
        usage(stderr);
        return 2;
    }
    if (!p.cities || !p.years || !p.indicators) {
        fprintf(stderr, "govidx-synth: --cities, --years and --indicators must be at least 1\n");
        return 2;
    }
    if ((size_t)p.last_year + 1 < p.years) {
        fprintf(stderr, "govidx-synth: --last-year %d is too small for %zu years\n", p.last_year, p.years);
        return 2;
    }
    rc = synth_build(&p, &ds);
    if (rc)
        return 1;
    rc = govidx_dataset_write(ds, outpath, GOVIDX_WRITE_REPLACE);
    if (rc) {
        fail(outpath, rc);
        govidx_dataset_close(ds);
        return 1;
    }
    govidx_dataset_close(ds);
    return 0;
}

#endif /* GOVIDX_SYNTH_NO_MAIN */
