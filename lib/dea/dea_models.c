/*
 * lib/dea/dea_models.c - the registry of named DEA models: the names of
 * `govidx dea --model`, each a setting of returns to scale, model family
 * and super-efficiency of govidx_dea_options, with what the model accepts.
 * Sources: Charnes, Cooper & Rhodes (1978) CCR; Banker, Charnes & Cooper
 * (1984) BCC; Tone (2001) SBM; Andersen & Petersen (1993) super-efficiency.
 * docs/methods/dea.md.
 * SPDX-License-Identifier: MIT
 */
#include "core/internal.h"

#include <string.h>

/* One row per named model, in --help order (the first is the CLI's
 * default): name, returns to scale, model family, super-efficiency,
 * capabilities (GOVIDX_DEA_PRESET_*: the nonoriented orientation accepted,
 * every input and output must be positive, govidx_dea_malmquist accepts
 * it).  check_options and govidx_dea_malmquist in dea.c refuse what a row
 * does not claim; tests/test_dea.c checks the two agree. */
#define MALMQUIST GOVIDX_DEA_PRESET_MALMQUIST
#define GOVIDX__DEA_MODEL_REGISTRY(X)                                                                   \
    X("ccr", GOVIDX_DEA_CRS, GOVIDX_DEA_RADIAL, 0, MALMQUIST)                                           \
    X("bcc", GOVIDX_DEA_VRS, GOVIDX_DEA_RADIAL, 0, MALMQUIST)                                           \
    X("nirs", GOVIDX_DEA_NIRS, GOVIDX_DEA_RADIAL, 0, MALMQUIST)                                         \
    X("ndrs", GOVIDX_DEA_NDRS, GOVIDX_DEA_RADIAL, 0, MALMQUIST)                                         \
    X("sbm", GOVIDX_DEA_CRS, GOVIDX_DEA_SBM, 0, GOVIDX_DEA_PRESET_NONORIENTED | GOVIDX_DEA_PRESET_POSITIVE) \
    X("super", GOVIDX_DEA_CRS, GOVIDX_DEA_RADIAL, 1, 0)

typedef struct dea_model_row {
    const char *name;
    govidx_dea_rts rts;
    govidx_dea_model model;
    int super_efficiency;
    unsigned caps;
} dea_model_row;
#define DEA_MODEL_ROW(name, rts, model, super, caps) {name, rts, model, super, caps},
static const dea_model_row dea_models[] = {GOVIDX__DEA_MODEL_REGISTRY(DEA_MODEL_ROW)};
#define N_DEA_MODELS (sizeof dea_models / sizeof dea_models[0])

const char *govidx_dea_preset_name(size_t i)
{
    return i < N_DEA_MODELS ? dea_models[i].name : NULL;
}

int govidx_dea_preset_apply(govidx_dea_options *opts, unsigned *caps, const char *name)
{
    size_t i;
    if (!opts || !name)
        return govidx__fail(GOVIDX_EINVAL, "DEA model: NULL argument");
    for (i = 0; i < N_DEA_MODELS; i++)
        if (!strcmp(dea_models[i].name, name)) {
            opts->rts = dea_models[i].rts;
            opts->model = dea_models[i].model;
            opts->super_efficiency = dea_models[i].super_efficiency;
            if (caps)
                *caps = dea_models[i].caps;
            return GOVIDX_OK;
        }
    return govidx__fail(GOVIDX_EFORMAT, "unknown DEA model '%s'", name);
}
