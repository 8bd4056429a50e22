#pragma once
// Statistical error of an AUC, and of the difference of two AUCs measured on the same events,
// by DeLong's method (DeLong, DeLong & Clarke-Pearson, Biometrics 44 (1988) 837): each AUC is a
// mean of per-event placement values, and the covariance of those placements gives the variance
// of either AUC and of their paired difference without resampling. Comparing two taggers on one
// test set this way is much sharper than treating the two AUCs as independent, because most of
// the statistical fluctuation of the test set moves both.
#include <span>

namespace bithep::metrics {

struct AucComparison {
    double aucA = 0.0, aucB = 0.0;
    double errorA = 0.0, errorB = 0.0;  // standard errors of each AUC
    double difference = 0.0;            // aucA − aucB
    double differenceError = 0.0;       // standard error of the paired difference
};

// scoresA and scoresB: two scores of the same events (label 1 = signal, higher = more
// signal-like; ties count one half, as in RocCurve::auc). Unweighted. Throws
// std::invalid_argument for mismatched lengths, NaN/infinite scores, labels other than 0/1, or
// fewer than two events of either class (the placement variances need two).
AucComparison compareAucs(std::span<const double> scoresA, std::span<const double> scoresB,
                          std::span<const int> labels);

}  // namespace bithep::metrics
