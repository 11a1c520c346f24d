#include <fftw3.h>
static inline const char *shim_fftwf_version(void) { return fftwf_version; }
