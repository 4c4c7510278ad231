#include <isa-l/igzip_lib.h>
#include <stddef.h>
#include <stdint.h>

// Swift never touches struct inflate_state itself: its import cannot name the large tmp_out_buffer
// array (ISA-L's buffered output and history), so these helpers keep every access in C rather than
// depend on how Swift reads and writes a struct it only partly sees.

/// Bytes to allocate for one state.
static inline size_t scout_isal_state_size(void) { return sizeof(struct inflate_state); }

/// Starts (or restarts, for the next member) a gzip stream: header parsed, CRC-32 and length checked.
static inline void scout_isal_start(struct inflate_state *state, int restart) {
    if (restart) isal_inflate_reset(state); else isal_inflate_init(state);
    state->crc_flag = ISAL_GZIP;
}

/// Inflates from `in` into `out`; returns ISA-L's status and sets what was consumed and produced,
/// and `finished` once the member's trailer has been checked.
static inline int scout_isal_inflate(struct inflate_state *state, const uint8_t *in, uint32_t in_length,
                                     uint8_t *out, uint32_t out_length,
                                     uint32_t *consumed, uint32_t *produced, int *finished) {
    state->next_in = (uint8_t *)in;
    state->avail_in = in_length;
    state->next_out = out;
    state->avail_out = out_length;
    int status = isal_inflate(state);
    *consumed = in_length - state->avail_in;
    *produced = out_length - state->avail_out;
    *finished = state->block_state == ISAL_BLOCK_FINISH;
    state->next_in = NULL;
    state->next_out = NULL;
    return status;
}
