#include "core/tasks/smeft/decay_plane_model.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace bithep::tasks::smeft {

double DecayPlaneModel::sm(double cosTheta) const {
    const double u2 = cosTheta * cosTheta;
    return (1.0 - longitudinalFraction) * 0.375 * (1.0 + u2) + longitudinalFraction * 0.75 * (1.0 - u2);
}

double DecayPlaneModel::interference(double ptV, double cosTheta, double phi) const {
    return (1.0 - longitudinalFraction) * 0.75 * amplitudeRatio(ptV) * (1.0 - cosTheta * cosTheta) *
           std::cos(2.0 * phi);
}

double DecayPlaneModel::quadratic(double ptV, double cosTheta) const {
    const double a = amplitudeRatio(ptV);
    return (1.0 - longitudinalFraction) * 0.375 * a * a * (1.0 + cosTheta * cosTheta);
}

double DecayPlaneModel::smMaximum() const {
    return std::max(sm(0.0), sm(1.0));
}

void DecayPlaneModel::validate() const {
    if (!(longitudinalFraction >= 0.0 && longitudinalFraction <= 1.0))
        throw std::invalid_argument("DecayPlaneModel: longitudinalFraction must be in [0, 1]");
    if (!std::isfinite(kappa)) throw std::invalid_argument("DecayPlaneModel: kappa must be finite");
    if (!(lambdaGeV > 0.0 && std::isfinite(lambdaGeV)))
        throw std::invalid_argument("DecayPlaneModel: lambdaGeV must be a positive number");
}

}  // namespace bithep::tasks::smeft
