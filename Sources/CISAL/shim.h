// ISA-L's stream setup uses macros Swift cannot import: one call that compresses a buffer.
#include <isa-l/igzip_lib.h>
#include <stdlib.h>

/// Compresses `size` bytes at `input` into a zlib stream (RFC 1950) at ISA-L level 1, 2 or 3;
/// returns the stream's size, or 0 when it does not fit in `capacity` or on failure.
static inline size_t shim_isal_zlib_compress(const void *input, size_t size, void *output, size_t capacity, int level) {
    static unsigned char *level_buffer = NULL;
    if (level < 1 || level > 3) return 0;
    if (level_buffer == NULL && (level_buffer = malloc(ISAL_DEF_LVL3_LARGE)) == NULL) return 0;
    struct isal_zstream stream;
    isal_deflate_stateless_init(&stream);
    stream.level = (uint32_t)level;
    stream.level_buf = level_buffer;
    stream.level_buf_size = ISAL_DEF_LVL3_LARGE;
    stream.gzip_flag = IGZIP_ZLIB;
    stream.end_of_stream = 1;
    stream.flush = NO_FLUSH;
    stream.next_in = (uint8_t *)input;
    stream.avail_in = (uint32_t)size;
    stream.next_out = output;
    stream.avail_out = (uint32_t)(capacity > UINT32_MAX ? UINT32_MAX : capacity);
    if (size > UINT32_MAX || isal_deflate_stateless(&stream) != COMP_OK) return 0;
    return stream.total_out;
}
