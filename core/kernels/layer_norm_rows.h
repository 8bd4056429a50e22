#pragma once
// Layer normalisation over the rows of a row-major matrix, the other hot fp32 path of the
// transformer blocks, compiled per ISA with the matrix products (fp32_gemm.h): forward
//   xhat = (x - mean) * invStd,  invStd = 1 / sqrt(var + eps),  y = xhat * gamma + beta,
// and the input gradient
//   gx = invStd * (gh - mean(gh) - xhat * mean(gh * xhat)),  gh = g * gamma.
// gamma and beta may be null (1 and 0). Kept in its own header so the autograd's var.h, which
// every file includes, does not depend on it.
namespace bithep::kernels {

struct LayerNormArgs {
    int rows = 0, cols = 0;
    float eps = 1e-5f;
    const float* x = nullptr;      // forward input (rows x cols)
    const float* gamma = nullptr;  // cols values or null
    const float* beta = nullptr;   // cols values or null
    float* xhat = nullptr;         // forward output, kept for the backward pass
    float* invStd = nullptr;       // rows values, forward output
    float* y = nullptr;            // forward output
    const float* grad = nullptr;   // backward: dL/dy (rows x cols)
    const float* savedXhat = nullptr;    // backward: the forward pass's xhat
    const float* savedInvStd = nullptr;  // backward: the forward pass's invStd
    float* gradX = nullptr;        // backward output: dL/dx
};

void layerNormForward(const LayerNormArgs& args);
// Reads grad, gamma, savedXhat and savedInvStd; writes gradX.
void layerNormBackward(const LayerNormArgs& args);

}  // namespace bithep::kernels
