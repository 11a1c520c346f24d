// Elementwise single-precision kernels for tensors, compiled for several instruction sets
// (AVX-512, AVX2, baseline) and chosen at load time for the CPU that runs them.
#ifndef SURROGATE_VECTOR_MATH_H
#define SURROGATE_VECTOR_MATH_H

#include <stddef.h>

/// out[i] = e^{in[i]}.
void vm_exp_f32(const float *in, float *out, size_t count);
/// out[i] = tanh(in[i]).
void vm_tanh_f32(const float *in, float *out, size_t count);
/// out[i] = erf(in[i]).
void vm_erf_f32(const float *in, float *out, size_t count);
/// out[i] = GELU(in[i]) = in[i] Φ(in[i]).
void vm_gelu_f32(const float *in, float *out, size_t count);
/// out[i] = gradient[i] · GELU′(in[i]).
void vm_gelu_backward_f32(const float *gradient, const float *in, float *out, size_t count);
/// out[i] = gradient[i] · (1 − output[i]²), the tanh derivative through its output.
void vm_tanh_backward_f32(const float *gradient, const float *output, float *out, size_t count);

#endif
