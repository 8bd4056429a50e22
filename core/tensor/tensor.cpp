#include "core/tensor/tensor.h"

#include <cmath>
#include <numbers>
#include <sstream>
#include <stdexcept>

namespace bithep::tensor {

float uniform01(Rng& rng) {
    // Top 24 bits give every float in [0,1) with spacing 2^-24 and never round up to 1.
    return static_cast<float>(rng() >> 40) * 0x1.0p-24f;
}

float standardNormal(Rng& rng) {
    const float u1 = 1.0f - uniform01(rng);  // (0, 1]: log is finite
    const float u2 = uniform01(rng);
    return std::sqrt(-2.0f * std::log(u1)) * std::cos(2.0f * std::numbers::pi_v<float> * u2);
}

Matrix uniform(Index rows, Index cols, float lo, float hi, Rng& rng) {
    Matrix m(rows, cols);
    for (Index i = 0; i < m.size(); ++i) m.data()[i] = lo + (hi - lo) * uniform01(rng);
    return m;
}

Matrix normal(Index rows, Index cols, float mean, float stddev, Rng& rng) {
    Matrix m(rows, cols);
    for (Index i = 0; i < m.size(); ++i) m.data()[i] = mean + stddev * standardNormal(rng);
    return m;
}

std::string shapeString(Index rows, Index cols) {
    std::ostringstream os;
    os << '(' << rows << " x " << cols << ')';
    return os.str();
}

std::string shapeString(const Matrix& m) { return shapeString(m.rows(), m.cols()); }

void requireShape(const Matrix& m, Index rows, Index cols, const std::string& what) {
    if ((rows >= 0 && m.rows() != rows) || (cols >= 0 && m.cols() != cols)) {
        throw std::invalid_argument(what + ": expected " + shapeString(rows, cols) + ", got " +
                                    shapeString(m));
    }
}

void requireFinite(const Matrix& m, const std::string& what) {
    for (Index i = 0; i < m.size(); ++i) {
        if (!std::isfinite(m.data()[i])) {
            std::ostringstream os;
            os << what << ": non-finite value " << m.data()[i] << " at (" << i / m.cols() << ", "
               << i % m.cols() << ')';
            throw std::invalid_argument(os.str());
        }
    }
}

}  // namespace bithep::tensor
