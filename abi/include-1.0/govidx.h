/*
 * govidx.h - smart-city governance indices: openness, coverage and
 * collaboration efficiency over city datasets stored in HDF5.
 *
 * Include this header; it includes the per-area headers in govidx/.
 * SPDX-License-Identifier: MIT
 */
#ifndef GOVIDX_H
#define GOVIDX_H

#include "govidx/common.h"
#include "govidx/dataset.h"
#include "govidx/import.h"
#include "govidx/table.h"
#include "govidx/run.h"
#include "govidx/framework.h"
#include "govidx/method.h"
#include "govidx/plan.h"
#include "govidx/result.h"
#include "govidx/openness.h"
#include "govidx/coverage.h"
#include "govidx/weights.h"
#include "govidx/aggregate.h"
#include "govidx/analysis.h"
#include "govidx/dea.h"
#include "govidx/normalize.h"
#include "govidx/treat.h"
#include "govidx/impute.h"
#include "govidx/coupling.h"
#include "govidx/inequality.h"
#include "govidx/access.h"
#include "govidx/network.h"
#include "govidx/collaboration.h"
#include "govidx/uncertainty.h"
#include "govidx/catalogue.h"
#include "govidx/decompose.h"

#endif /* GOVIDX_H */
