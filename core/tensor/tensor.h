#pragma once
// Dense float matrices for the engine: every activation, weight and gradient is a row-major
// Eigen matrix (sets of particles are stacked as (B·N, D) rows), plus seeded initialisers and
// shape checks that throw with a readable message instead of asserting.
#include <Eigen/Core>

#include <cstdint>
#include <random>
#include <string>

namespace bithep::tensor {

using Matrix = Eigen::Matrix<float, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
using RowVector = Eigen::Matrix<float, 1, Eigen::Dynamic, Eigen::RowMajor>;
using ColVector = Eigen::Matrix<float, Eigen::Dynamic, 1>;
using Index = Eigen::Index;
// 64-bit Mersenne twister: its output sequence is fixed by the standard, so seeds reproduce
// across compilers (unlike std::normal_distribution, which we therefore do not use).
using Rng = std::mt19937_64;

// Uniform in [0, 1) from exactly one engine draw (portable, unlike std::uniform_real_distribution).
float uniform01(Rng& rng);
// Standard normal via Box-Muller from two uniform01 draws (portable across standard libraries).
float standardNormal(Rng& rng);

Matrix uniform(Index rows, Index cols, float lo, float hi, Rng& rng);
Matrix normal(Index rows, Index cols, float mean, float stddev, Rng& rng);

// "(3 x 4)"
std::string shapeString(const Matrix& m);
std::string shapeString(Index rows, Index cols);

// Throws std::invalid_argument "<what>: expected (r x c), got (r' x c')"; -1 means any.
void requireShape(const Matrix& m, Index rows, Index cols, const std::string& what);
// Throws std::invalid_argument naming what and the first non-finite entry.
void requireFinite(const Matrix& m, const std::string& what);

}  // namespace bithep::tensor
