// See vector_math.h. Each function is cloned per instruction set (GCC/Clang `target_clones`,
// resolved once through an ifunc), and its loop is branch-free so the compiler vectorises it.
#include "vector_math.h"

#include <stdint.h>
#include <string.h>

#if defined(__x86_64__) && defined(__linux__)
#define VM_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define VM_CLONES
#endif

static inline float vm_min(float a, float b) { return a < b ? a : b; }
static inline float vm_max(float a, float b) { return a > b ? a : b; }
static inline float vm_abs(float a) { return a < 0 ? -a : a; }

static inline float vm_from_bits(uint32_t bits) { float f; memcpy(&f, &bits, sizeof f); return f; }
static inline uint32_t vm_to_bits(float f) { uint32_t bits; memcpy(&bits, &f, sizeof bits); return bits; }

// e^x = 2^n p(r), n = round(x / ln 2), r = x − n ln 2 (Cody–Waite split), p the degree-7 Taylor
// polynomial on |r| ≤ ln2/2. Adding 1.5·2^23 rounds to an integer kept in the mantissa bits.
static inline float vm_exp(float x) {
    float clamped = vm_min(vm_max(x, -87.3f), 88.3f);
    float shifted = clamped * 1.442695041f + 12582912.0f;
    float n = shifted - 12582912.0f;
    float r = (clamped - n * 0.693145752f) - n * 1.42860677e-6f;
    float p = 1.0f / 5040;
    p = p * r + 1.0f / 720;
    p = p * r + 1.0f / 120;
    p = p * r + 1.0f / 24;
    p = p * r + 1.0f / 6;
    p = p * r + 0.5f;
    p = p * r + 1;
    p = p * r + 1;
    float scale = vm_from_bits((vm_to_bits(shifted) - 0x4B400000u + 127u) << 23);
    return x > 88.72f ? __builtin_inff() : p * scale;
}

// tanh x: the odd Taylor series to x^15 for |x| < 0.55, else sign(x)(1 − 2/(e^{2|x|} + 1)).
static inline float vm_tanh(float x) {
    float a = vm_min(vm_abs(x), 9.0f);
    float s = a * a;
    float p = -929569.0f / 638512875.0f;
    p = p * s + 21844.0f / 6081075.0f;
    p = p * s - 1382.0f / 155925.0f;
    p = p * s + 62.0f / 2835.0f;
    p = p * s - 17.0f / 315.0f;
    p = p * s + 2.0f / 15.0f;
    p = p * s - 1.0f / 3.0f;
    float small = a + a * s * p;
    float large = 1 - 2 / (vm_exp(2 * a) + 1);
    float magnitude = a < 0.55f ? small : large;
    return x < 0 ? -magnitude : magnitude;
}

// A&S 7.1.26's tail, erfc(a) ≈ (a1 t + … + a5 t⁵) e^{−a²} with t = 1/(1 + 0.3275911 a), for
// a ≥ 0 and e = e^{−a²} (absolute error ≤ 1.5e-7).
static inline float vm_erfc_tail(float a, float e) {
    float t = 1 / (1 + 0.3275911f * a);
    float q = 1.061405429f;
    q = q * t - 1.453152027f;
    q = q * t + 1.421413741f;
    q = q * t - 0.284496736f;
    q = q * t + 0.254829592f;
    return q * t * e;
}

// erf x: the Maclaurin series 2/√π Σ (−1)^n x^{2n+1} / (n!(2n+1)) to x^21 for |x| < 1, else
// Abramowitz & Stegun 7.1.26, 1 − (a1 t + … + a5 t^5) e^{−x²}, t = 1/(1 + 0.3275911|x|)
// (absolute error ≤ 1.5e-7).
static inline float vm_erf(float x) {
    float a = vm_min(vm_abs(x), 6.0f);
    float s = a * a;
    float p = 1.0f / 76204800;
    p = p * s - 1.0f / 6894720;
    p = p * s + 1.0f / 685440;
    p = p * s - 1.0f / 75600;
    p = p * s + 1.0f / 9360;
    p = p * s - 1.0f / 1320;
    p = p * s + 1.0f / 216;
    p = p * s - 1.0f / 42;
    p = p * s + 1.0f / 10;
    p = p * s - 1.0f / 3;
    float series = 1.128379167f * (a + a * s * p);
    float tail = 1 - vm_erfc_tail(a, vm_exp(-s));
    float magnitude = a < 1 ? series : tail;
    return x < 0 ? -magnitude : magnitude;
}

// Φ(x) = ½(1 + erf(x/√2)) by A&S 7.1.26 alone (absolute error ≤ 7.5e-8, which is all GELU
// needs: it has no small-argument relative-accuracy demand), also returning e^{−x²/2}, which
// the formula computes anyway and φ(x) = e^{−x²/2}/√(2π) reuses.
static inline float vm_normal_cdf(float x, float *gaussian) {
    float a = vm_min(vm_abs(x) * 0.707106781f, 6.0f);
    float e = vm_exp(-a * a);
    *gaussian = e;
    float erf_magnitude = 1 - vm_erfc_tail(a, e);
    return (1 + (x < 0 ? -erf_magnitude : erf_magnitude)) * 0.5f;
}

VM_CLONES void vm_exp_f32(const float *in, float *out, size_t count) {
    for (size_t i = 0; i < count; i++) out[i] = vm_exp(in[i]);
}

VM_CLONES void vm_tanh_f32(const float *in, float *out, size_t count) {
    for (size_t i = 0; i < count; i++) out[i] = vm_tanh(in[i]);
}

VM_CLONES void vm_tanh_inplace_f32(float *data, size_t count) {
    for (size_t i = 0; i < count; i++) data[i] = vm_tanh(data[i]);
}

VM_CLONES void vm_erf_f32(const float *in, float *out, size_t count) {
    for (size_t i = 0; i < count; i++) out[i] = vm_erf(in[i]);
}

VM_CLONES void vm_gelu_f32(const float *in, float *out, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float gaussian;
        out[i] = in[i] * vm_normal_cdf(in[i], &gaussian);
    }
}

VM_CLONES void vm_gelu_backward_f32(const float *gradient, const float *in, float *out, size_t count) {
    for (size_t i = 0; i < count; i++) {
        float x = in[i], gaussian;
        float cdf = vm_normal_cdf(x, &gaussian);
        out[i] = gradient[i] * (cdf + x * gaussian * 0.398942280f);
    }
}

VM_CLONES void vm_tanh_backward_f32(const float *gradient, const float *output, float *out, size_t count) {
    for (size_t i = 0; i < count; i++) out[i] = gradient[i] * (1 - output[i] * output[i]);
}

VM_CLONES void vm_adam_step_f32(float *restrict parameter, const float *restrict gradient, float *restrict first_moment,
                                float *restrict second_moment, size_t count, float beta1, float beta2, float epsilon,
                                float step_size, float second_correction, float shrink, float gradient_decay) {
    for (size_t i = 0; i < count; i++) {
        float g = gradient[i] + gradient_decay * parameter[i];
        float m = beta1 * first_moment[i] + (1 - beta1) * g;
        float v = beta2 * second_moment[i] + (1 - beta2) * g * g;
        first_moment[i] = m;
        second_moment[i] = v;
        parameter[i] = parameter[i] * shrink - step_size * m / (__builtin_sqrtf(v) * second_correction + epsilon);
    }
}

VM_CLONES void vm_sum_rows_f32(const float *in, float *out, size_t rows, size_t width) {
    for (size_t j = 0; j < width; j++) out[j] = 0;
    for (size_t r = 0; r < rows; r++) {
        const float *row = in + r * width;
        for (size_t j = 0; j < width; j++) out[j] += row[j];
    }
}

// Each row of `width` is summed in sixteen independent lanes (vectorisable without reassociating
// the caller's arithmetic beyond the lanes), then the lanes are added into out[m].
VM_CLONES void vm_sum_outer_f32(const float *in, float *out, size_t lead, size_t middle, size_t width) {
    enum { lanes = 16 };
    for (size_t m = 0; m < middle; m++) out[m] = 0;
    for (size_t r = 0; r < lead; r++) {
        for (size_t m = 0; m < middle; m++) {
            const float *row = in + (r * middle + m) * width;
            float partial[lanes] = {0};
            size_t blocks = width / lanes;
            for (size_t b = 0; b < blocks; b++)
                for (int l = 0; l < lanes; l++) partial[l] += row[b * lanes + l];
            float total = 0;
            for (int l = 0; l < lanes; l++) total += partial[l];
            for (size_t j = blocks * lanes; j < width; j++) total += row[j];
            out[m] += total;
        }
    }
}

// Sixteen independent lanes keep the reduction vectorisable without reassociating the user's
// arithmetic; the lanes are combined at the end.
VM_CLONES void vm_statistics_f32(const float *in, size_t count, float *minimum, float *maximum, double *sum) {
    enum { lanes = 16 };
    float low[lanes], high[lanes];
    double total[lanes];
    for (int l = 0; l < lanes; l++) { low[l] = __builtin_inff(); high[l] = -__builtin_inff(); total[l] = 0; }
    size_t blocks = count / lanes;
    for (size_t b = 0; b < blocks; b++) {
        const float *block = in + b * lanes;
        for (int l = 0; l < lanes; l++) {
            float v = block[l];
            low[l] = v < low[l] ? v : low[l];
            high[l] = v > high[l] ? v : high[l];
            total[l] += v;
        }
    }
    for (size_t i = blocks * lanes; i < count; i++) {
        float v = in[i];
        low[0] = v < low[0] ? v : low[0];
        high[0] = v > high[0] ? v : high[0];
        total[0] += v;
    }
    float lo = low[0], hi = high[0];
    double s = 0;
    for (int l = 0; l < lanes; l++) {
        lo = low[l] < lo ? low[l] : lo;
        hi = high[l] > hi ? high[l] : hi;
        s += total[l];
    }
    *minimum = lo; *maximum = hi; *sum = s;
}

// y[b,o,m] = Σ_i x[b,i,m]·w[i,o,m] over complex numbers stored as (re, im) pairs. The innermost
// loop runs along the modes, contiguous in x, w and y, so it vectorises for any channel counts.
#define VM_COMPLEX_CONTRACT(NAME, T)                                                                  \
    VM_CLONES void NAME(const T *restrict x, const T *restrict w, T *restrict y, size_t batch,      \
                        size_t inputs, size_t outputs, size_t modes, size_t x_row, size_t y_row) {   \
        for (size_t b = 0; b < batch; b++)                                                           \
            for (size_t o = 0; o < outputs; o++)                                                     \
                for (size_t m = 0; m < 2 * modes; m++) y[(b * outputs + o) * y_row + m] = 0;         \
        for (size_t b = 0; b < batch; b++)                                                           \
            for (size_t c = 0; c < inputs; c++) {                                                    \
                const T *xr = x + (b * inputs + c) * x_row;                                          \
                for (size_t o = 0; o < outputs; o++) {                                               \
                    const T *wr = w + (c * outputs + o) * 2 * modes;                                 \
                    T *yr = y + (b * outputs + o) * y_row;                                           \
                    for (size_t m = 0; m < modes; m++) {                                             \
                        T a = xr[2 * m], bi = xr[2 * m + 1], p = wr[2 * m], q = wr[2 * m + 1];       \
                        yr[2 * m] += a * p - bi * q;                                                 \
                        yr[2 * m + 1] += a * q + bi * p;                                             \
                    }                                                                                \
                }                                                                                    \
            }                                                                                        \
    }

VM_COMPLEX_CONTRACT(vm_complex_contract_f32, float)
VM_COMPLEX_CONTRACT(vm_complex_contract_f64, double)

// y[n,o,l] = Σ_{c,k} w[o,c,k]·x[n, g·C_g + c, l·stride + k] on an already padded input, g the group
// of output channel o. The innermost loop runs along the output positions.
#define VM_CONV1D(NAME, T)                                                                            \
    VM_CLONES void NAME(const T *restrict x, const T *restrict w, T *restrict y, size_t batch,      \
                        size_t in_channels, size_t length, size_t out_channels, size_t groups,       \
                        size_t kernel, size_t stride, size_t out_length) {                           \
        size_t group_in = in_channels / groups, group_out = out_channels / groups;                   \
        for (size_t n = 0; n < batch; n++)                                                           \
            for (size_t o = 0; o < out_channels; o++) {                                              \
                T *yr = y + (n * out_channels + o) * out_length;                                     \
                for (size_t l = 0; l < out_length; l++) yr[l] = 0;                                   \
                size_t first = (o / group_out) * group_in;                                           \
                for (size_t c = 0; c < group_in; c++) {                                              \
                    const T *xr = x + (n * in_channels + first + c) * length;                        \
                    const T *wr = w + (o * group_in + c) * kernel;                                   \
                    for (size_t k = 0; k < kernel; k++) {                                            \
                        T weight = wr[k];                                                            \
                        const T *xs = xr + k;                                                        \
                        if (stride == 1)                                                             \
                            for (size_t l = 0; l < out_length; l++) yr[l] += weight * xs[l];         \
                        else                                                                         \
                            for (size_t l = 0; l < out_length; l++) yr[l] += weight * xs[l * stride];\
                    }                                                                                \
                }                                                                                    \
            }                                                                                        \
    }

VM_CONV1D(vm_conv1d_f32, float)
VM_CONV1D(vm_conv1d_f64, double)
