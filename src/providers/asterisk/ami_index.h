/*
 * An index from names to positions in an array its owner keeps (the model's queues,
 * sessions and agents): open addressing with linear probing over FNV-1a hashes, at
 * most half full.  Without it a center of 500 agents in 50 queues (1,500 members)
 * made every AMI event compare thousands of names: 57% of the provider's resync went
 * to strcmp (bench/asterisk_scale, BENCHMARKS.md).  Portable C.
 *
 * The index keeps hashes, not names: the owner compares the candidates' names
 * itself.  Entries are never removed (the model's arrays only grow); an owner that
 * wants one entry per name changes the position of the one it found.
 */
#ifndef TAPI3CC_AMI_INDEX_H
#define TAPI3CC_AMI_INDEX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct ami_index_slot
{
    uint32_t position;      /* the array position + 1; 0: an empty slot */
    uint32_t hash;
};

struct ami_index
{
    struct ami_index_slot *slots;
    size_t capacity, used;  /* capacity: 0 or a power of two */
};

#define AMI_HASH_START 2166136261u
/* FNV-1a of `text` continued from `hash` (start with AMI_HASH_START); a NUL is
 * hashed after the text, so that ("ab", "c") and ("a", "bc") differ. */
uint32_t ami_hash_text(uint32_t hash, const char *text);

/* The slots of the entries whose hash is `hash`, one a call: set *cursor to
 * SIZE_MAX first; NULL when there are no more. */
struct ami_index_slot *ami_index_next(const struct ami_index *index, uint32_t hash, size_t *cursor);
/* Adds an entry; false when memory runs out (the index is left as it was). */
bool ami_index_add(struct ami_index *index, uint32_t hash, uint32_t position);
void ami_index_free(struct ami_index *index);

#endif
