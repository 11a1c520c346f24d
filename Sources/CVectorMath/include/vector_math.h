// Elementwise single-precision kernels for tensors, compiled for several instruction sets
// (AVX-512, AVX2, baseline) and chosen at load time for the CPU that runs them.
#ifndef SURROGATE_VECTOR_MATH_H
#define SURROGATE_VECTOR_MATH_H

#include <stddef.h>

/// out[i] = e^{in[i]}.
void vm_exp_f32(const float *in, float *out, size_t count);
/// out[i] = tanh(in[i]).
void vm_tanh_f32(const float *in, float *out, size_t count);
/// data[i] = tanh(data[i]) in place (a separate function: the two-pointer loop falls back to
/// scalar code when the pointers alias).
void vm_tanh_inplace_f32(float *data, size_t count);
/// out[i] = erf(in[i]).
void vm_erf_f32(const float *in, float *out, size_t count);
/// out[i] = GELU(in[i]) = in[i] Φ(in[i]).
void vm_gelu_f32(const float *in, float *out, size_t count);
/// out[i] = gradient[i] · GELU′(in[i]).
void vm_gelu_backward_f32(const float *gradient, const float *in, float *out, size_t count);
/// out[i] = gradient[i] · (1 − output[i]²), the tanh derivative through its output.
void vm_tanh_backward_f32(const float *gradient, const float *output, float *out, size_t count);

/// out[j] = Σ_r in[r·width + j] for a row-major [rows, width] matrix (column sums).
void vm_sum_rows_f32(const float *in, float *out, size_t rows, size_t width);

/// out[m] = Σ_r Σ_j in[(r·middle + m)·width + j] for a row-major [lead, middle, width] array:
/// the sum over its first and last axes.
void vm_sum_outer_f32(const float *in, float *out, size_t lead, size_t middle, size_t width);

/// Minimum, maximum and sum (accumulated in double) of `count` values.
void vm_statistics_f32(const float *in, size_t count, float *minimum, float *maximum, double *sum);

/// One Adam/AdamW step over `count` parameters (see `Adam` in the Optimizers module):
/// g' = g + gradient_decay·θ; m ← β₁m + (1−β₁)g'; v ← β₂v + (1−β₂)g'²;
/// θ ← shrink·θ − step_size·m / (√v·second_correction + ε).
void vm_adam_step_f32(float *restrict parameter, const float *restrict gradient, float *restrict first_moment,
                      float *restrict second_moment, size_t count, float beta1, float beta2, float epsilon,
                      float step_size, float second_correction, float shrink, float gradient_decay);

/// y[b,o,m] = Σ_i x[b,i,m]·w[i,o,m] for complex values stored as (re, im) pairs: x [batch, inputs,
/// modes, 2], w [inputs, outputs, modes, 2] contiguous, y [batch, outputs, modes, 2]; consecutive
/// (b, i) rows of x and (b, o) rows of y lie x_row and y_row scalars apart (≥ 2·modes), so the
/// modes may be the leading part of a longer spectrum. Only the first 2·modes scalars of each y row
/// are written.
void vm_complex_contract_f32(const float *restrict x, const float *restrict w, float *restrict y, size_t batch,
                             size_t inputs, size_t outputs, size_t modes, size_t x_row, size_t y_row);
void vm_complex_contract_f64(const double *restrict x, const double *restrict w, double *restrict y, size_t batch,
                             size_t inputs, size_t outputs, size_t modes, size_t x_row, size_t y_row);

/// Direct 1-D convolution of a padded input x [batch, in_channels, length] with w [out_channels,
/// in_channels / groups, kernel] into y [batch, out_channels, out_length], all contiguous:
/// y[n,o,l] = Σ_{c,k} w[o,c,k]·x[n, g·C_g + c, l·stride + k] (g the group of o).
void vm_conv1d_f32(const float *restrict x, const float *restrict w, float *restrict y, size_t batch, size_t in_channels,
                   size_t length, size_t out_channels, size_t groups, size_t kernel, size_t stride, size_t out_length);
void vm_conv1d_f64(const double *restrict x, const double *restrict w, double *restrict y, size_t batch, size_t in_channels,
                   size_t length, size_t out_channels, size_t groups, size_t kernel, size_t stride, size_t out_length);

#endif
