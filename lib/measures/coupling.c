/* Coupling-coordination degree, METHODS.md section 2.3 (traditional C; corrected C of
 * Wang et al. 2021; D = sqrt(C T)). */
#include <math.h>
#include "govidx/coupling.h"
#include "core/internal.h"

static int check_levels(const double *u, size_t n)
{
    if (!u)
        return govidx__fail(GOVIDX_EINVAL, "coupling: subsystem levels are NULL");
    if (n < 2)
        return govidx__fail(GOVIDX_EDIM, "coupling: need at least 2 subsystems, got %zu", n);
    for (size_t i = 0; i < n; i++)
        if (!isfinite(u[i]) || u[i] <= 0.0 || u[i] > 1.0)
            return govidx__fail(GOVIDX_EDOMAIN,
                                "coupling: subsystem %zu level %g is outside (0,1]", i, u[i]);
    return GOVIDX_OK;
}

int govidx_coupling_traditional(double *c, const double *u, size_t n)
{
    int rc = check_levels(u, n);
    if (rc)
        return rc;
    if (!c)
        return govidx__fail(GOVIDX_EINVAL, "coupling: output is NULL");
    double logsum = 0.0, sum = 0.0;
    for (size_t i = 0; i < n; i++) {
        logsum += log(u[i]); /* geometric mean via logs avoids underflow for large n */
        sum += u[i];
    }
    *c = (double)n * exp(logsum / (double)n) / sum;
    return GOVIDX_OK;
}

int govidx_coupling_wang(double *c, const double *u, size_t n)
{
    int rc = check_levels(u, n);
    if (rc)
        return rc;
    if (!c)
        return govidx__fail(GOVIDX_EINVAL, "coupling: output is NULL");
    double max = u[0], absdiff = 0.0, logprod = 0.0;
    for (size_t i = 1; i < n; i++)
        if (u[i] > max)
            max = u[i];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = i + 1; j < n; j++)
            absdiff += fabs(u[i] - u[j]);
        logprod += log(u[i] / max);
    }
    double pairs = (double)n * (double)(n - 1) / 2.0;
    double balance = 1.0 - absdiff / pairs;
    if (balance < 0.0)
        balance = 0.0;
    *c = sqrt(balance * exp(logprod / (double)(n - 1)));
    return GOVIDX_OK;
}

int govidx_coupling_coordination(double *c, double *t, double *d, const double *u,
                                 const double *alpha, size_t n, int corrected)
{
    double cc, tt = 0.0;
    int rc = corrected ? govidx_coupling_wang(&cc, u, n) : govidx_coupling_traditional(&cc, u, n);
    if (rc)
        return rc;
    if (alpha) {
        double s = 0.0;
        for (size_t i = 0; i < n; i++) {
            if (!isfinite(alpha[i]) || alpha[i] < 0.0)
                return govidx__fail(GOVIDX_EINVAL, "coupling: weight %zu is %g", i, alpha[i]);
            s += alpha[i];
            tt += alpha[i] * u[i];
        }
        if (fabs(s - 1.0) > 1e-9)
            return govidx__fail(GOVIDX_EINVAL, "coupling: weights sum to %g, not 1", s);
    } else {
        for (size_t i = 0; i < n; i++)
            tt += u[i];
        tt /= (double)n;
    }
    if (c)
        *c = cc;
    if (t)
        *t = tt;
    if (d)
        *d = sqrt(cc * tt);
    return GOVIDX_OK;
}

int govidx_coupling_band(double d)
{
    if (!(d >= 0.0 && d <= 1.0))
        return govidx__fail(GOVIDX_EDOMAIN, "coupling: coordination degree %g outside [0,1]", d);
    int k = (int)floor(d * 10.0 + 1e-12); /* tolerance so 0.3 lands in band 3 */
    return k > 9 ? 9 : k;
}

static const char *const band_zh[10] = {"极度失调", "严重失调", "中度失调", "轻度失调", "濒临失调",
                                        "勉强协调", "初级协调", "中级协调", "良好协调", "优质协调"};
static const char *const band_en[10] = {
    "extreme imbalance",    "serious imbalance",     "moderate imbalance",
    "mild imbalance",       "on the verge of imbalance", "barely coordinated",
    "primary coordination", "intermediate coordination", "good coordination",
    "high-quality coordination"};

const char *govidx_coupling_band_name_zh(int band)
{
    return band >= 0 && band < 10 ? band_zh[band] : NULL;
}

const char *govidx_coupling_band_name_en(int band)
{
    return band >= 0 && band < 10 ? band_en[band] : NULL;
}

GOVIDX__VERSIONS_1(coupling_out_versions, govidx_coupling_out, "coupling output", GOVIDX_COUPLING_OUT_INIT,
                   saturated);

int govidx_coupling_out_init(govidx_coupling_out *out, unsigned version)
{
    return govidx__versioned_init(&coupling_out_versions, out, version);
}

int govidx_coupling_units(govidx_coupling_out *out, govidx_matrix_view U, const double *alpha)
{
    size_t i, j, n_sat = 0;
    govidx_coupling_out o; /* the caller's arrays, at the current layout */
    double *u;
    int rc;
    if (!out)
        return govidx__fail(GOVIDX_EINVAL, "coupling: NULL output");
    if ((rc = govidx__versioned_read(&coupling_out_versions, &o, out)))
        return rc;
    if ((rc = govidx_matrix_check(U)))
        return rc;
    if (U.cols < 2)
        return govidx__fail(GOVIDX_EDIM, "coupling: %zu subsystem(s); at least 2 are needed", U.cols);
    u = govidx__mallocarray(U.cols, sizeof *u);
    if (!u)
        return govidx__oom();
    for (i = 0; i < U.rows; i++) {
        double c, cw, t, d, dw, mean = 0, var = 0;
        for (j = 0; j < U.cols; j++)
            u[j] = U.data[i + j * U.ld];
        if ((rc = govidx_coupling_coordination(&c, &t, &d, u, alpha, U.cols, 0)) ||
            (rc = govidx_coupling_coordination(&cw, NULL, &dw, u, alpha, U.cols, 1))) {
            rc = govidx__fail_context(rc, "coupling of row %zu (0-based)", i);
            break;
        }
        for (j = 0; j < U.cols; j++)
            mean += u[j] / (double)U.cols;
        for (j = 0; j < U.cols; j++)
            var += (u[j] - mean) * (u[j] - mean) / (double)U.cols;
        n_sat += c > 0.9;
        if (o.c) o.c[i] = c;
        if (o.c_wang) o.c_wang[i] = cw;
        if (o.t) o.t[i] = t;
        if (o.d) o.d[i] = d;
        if (o.d_wang) o.d_wang[i] = dw;
        if (o.balance) o.balance[i] = 1 - sqrt(var) / mean;
    }
    govidx__free(u);
    if (rc)
        return rc;
    o.saturated_share = (double)n_sat / (double)U.rows;
    o.saturated = o.saturated_share > 0.5;
    return govidx__versioned_write(&coupling_out_versions, out, &o);
}
