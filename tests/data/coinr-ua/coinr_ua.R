# tests/data/coinr-ua/coinr_ua.R - COINr's own uncertainty analysis of its
# ASEM example, the reference for tests/coinr-ua.tap.
#
# COINr 1.1.14 (vignettes/sensitivity.Rmd): build_example_coin() (the full
# pipeline: denomination, imputation, Winsorisation, min-max, arithmetic
# aggregation), get_noisy_weights() with noise 0.25 on levels 2 and 3,
# get_sensitivity(SA_type = "UA") on the Index of the "Aggregated" data
# set, 1,000 replications.  Writes rankstats.csv (COINr's RankStats:
# uCode, Nominal, Mean, Median, Q5, Q95) and prints the time per
# replication.
#
# Run: Rscript coinr_ua.R [N] [SEED]   (defaults 1000 and 18)
# SPDX-License-Identifier: MIT
suppressPackageStartupMessages(library(COINr))
args <- commandArgs(trailingOnly = TRUE)
N <- if (length(args) >= 1) as.integer(args[1]) else 1000L
seed <- if (length(args) >= 2) as.integer(args[2]) else 18L
set.seed(seed)
coin <- build_example_coin(quietly = TRUE)
w_nom <- coin$Meta$Weights$Original
noise_specs <- data.frame(Level = c(2, 3), NoiseFactor = c(0.25, 0.25))
noisy_wts <- get_noisy_weights(w = w_nom, noise_specs = noise_specs, Nrep = N)
SA_specs <- list(Weights = list(Address = "$Log$Aggregate$w", Distribution = noisy_wts, Type = "discrete"))
t0 <- proc.time()[["elapsed"]]
SA_res <- get_sensitivity(coin, SA_specs = SA_specs, N = N, SA_type = "UA", dset = "Aggregated",
                          iCode = "Index", quietly = TRUE, check_addresses = FALSE)
t1 <- proc.time()[["elapsed"]]
write.csv(SA_res$RankStats, "rankstats.csv", row.names = FALSE)
cat(sprintf("COINr %s: %d replications in %.1f s, %.1f ms per replication\n",
            as.character(packageVersion("COINr")), N, t1 - t0, 1000 * (t1 - t0) / N))
