# Reference values for tests/test_network.c: the structural measures of the
# seven EMON networks (datasets/emon/*.csv) computed with statnet `sna` 2.7-1
# and `igraph` 1.3.5 (Debian 12 packages r-cran-sna, r-cran-igraph).
# Run from the source tree:  Rscript tests/data/network/emon-reference.R
suppressMessages({library(sna); library(igraph)})
actors <- read.csv("datasets/emon/actors.csv", stringsAsFactors = FALSE)
edges <- read.csv("datasets/emon/edges.csv", stringsAsFactors = FALSE)
options(digits = 17)
for (u in unique(actors$unit)) {
  a <- actors[actors$unit == u, ]
  e <- edges[edges$unit == u, ]
  n <- nrow(a)
  idx <- setNames(seq_len(n), a$actor)
  W <- matrix(0, n, n)                       # valued, repeated ties add up
  for (k in seq_len(nrow(e))) {
    i <- idx[[e$from[k]]]; j <- idx[[e$to[k]]]
    if (i != j) W[i, j] <- W[i, j] + e$weight[k]
  }
  A <- (W > 0) * 1                           # binary simple digraph
  g <- graph_from_adjacency_matrix(A, mode = "directed")
  sec <- a$sector
  ties <- which(A == 1, arr.ind = TRUE)
  cross <- sum(sec[ties[, 1]] != sec[ties[, 2]])
  m <- nrow(ties)
  wc <- components(g, mode = "weak"); sc <- components(g, mode = "strong")
  tot <- rowSums(A) + colSums(A)
  cat(sprintf("{\"%s\", %d, %d, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %d, %.17g, %d, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g, %.17g},\n",
    u, n, m,
    sna::gden(A), sna::gden(W),
    sna::grecip(A, measure = "edgewise"), sna::grecip(A, measure = "dyadic"),
    cross / m, (cross - (m - cross)) / m,
    sna::centralization(A, sna::degree, cmode = "freeman"),
    centr_degree(g, mode = "in", loops = FALSE)$centralization,
    centr_degree(g, mode = "out", loops = FALSE)$centralization,
    wc$no, max(wc$csize) / n, sc$no, max(sc$csize) / n,
    global_efficiency(g, directed = TRUE), global_efficiency(as.undirected(g), directed = FALSE),
    sna::connectedness(A), sna::hierarchy(A, measure = "krackhardt"), sna::efficiency(A), sna::lubness(A)))
}
# Second table: data silos and isolates with every public sector as
# "departments" (all but Private), and the public/private tie share.
public <- c("City", "County", "State", "Federal", "County/City")
for (u in unique(actors$unit)) {
  a <- actors[actors$unit == u, ]
  e <- edges[edges$unit == u & edges$from != edges$to, ]
  n <- nrow(a)
  outd <- sapply(a$actor, function(x) sum(e$from == x))
  deg <- sapply(a$actor, function(x) sum(e$from == x | e$to == x))
  dept <- a$sector %in% public
  arcs <- unique(e[, c("from", "to")])
  pf <- a$sector[match(arcs$from, a$actor)] %in% public
  pt <- a$sector[match(arcs$to, a$actor)] %in% public
  cat(sprintf("{\"%s\", %d, %d, %d, %.17g},\n", u, sum(dept & outd == 0), sum(dept), sum(deg == 0),
              mean(pf != pt)))
}
# Third table: sparse random digraphs (set.seed, rgraph), several weak
# components, so LUB, hierarchy and efficiency are checked off the EMON
# shapes.  Printed as edge lists (0-based) plus the Krackhardt measures.
set.seed(20231)
for (p in c(0.06, 0.1, 0.15)) {
  A <- sna::rgraph(16, tprob = p)
  ties <- which(A == 1, arr.ind = TRUE)
  ties <- ties[order(ties[, 1], ties[, 2]), , drop = FALSE]
  g <- graph_from_adjacency_matrix(A, mode = "directed")
  cat(sprintf("{%d, {%s}, %d, %d, %.17g, %.17g, %.17g, %.17g, %.17g},\n", nrow(ties),
      paste(sprintf("%d,%d", ties[, 1] - 1, ties[, 2] - 1), collapse = ","),
      components(g, mode = "weak")$no, components(g, mode = "strong")$no,
      global_efficiency(g, directed = TRUE),
      sna::connectedness(A), sna::hierarchy(A, measure = "krackhardt"), sna::efficiency(A), sna::lubness(A)))
}
