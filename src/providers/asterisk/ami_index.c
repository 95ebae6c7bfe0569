/*
 * The name index (see ami_index.h).
 */
#include "ami_index.h"

#include <stdlib.h>

uint32_t ami_hash_text(uint32_t hash, const char *text)
{
    for (const unsigned char *byte = (const unsigned char *)text; *byte; byte++)
        hash = (hash ^ *byte) * 16777619u;
    return hash * 16777619u;       /* the NUL: hash ^ 0 */
}

struct ami_index_slot *ami_index_next(const struct ami_index *index, uint32_t hash, size_t *cursor)
{
    size_t mask = index->capacity - 1;

    if (!index->capacity)
        return NULL;
    for (size_t i = *cursor == SIZE_MAX ? hash & mask : (*cursor + 1) & mask; index->slots[i].position;
         i = (i + 1) & mask)
        if (index->slots[i].hash == hash)
        {
            *cursor = i;
            return &index->slots[i];
        }
    return NULL;
}

/* Into a table of `capacity` slots with room: the first empty slot of hash's run. */
static void place(struct ami_index_slot *slots, size_t capacity, uint32_t hash, uint32_t position)
{
    size_t i = hash & (capacity - 1);

    while (slots[i].position)
        i = (i + 1) & (capacity - 1);
    slots[i] = (struct ami_index_slot){ position + 1, hash };
}

bool ami_index_add(struct ami_index *index, uint32_t hash, uint32_t position)
{
    if ((index->used + 1) * 2 > index->capacity)
    {
        size_t capacity = index->capacity ? index->capacity * 2 : 64;
        struct ami_index_slot *slots = calloc(capacity, sizeof(*slots));

        if (!slots)
            return false;
        for (size_t i = 0; i < index->capacity; i++)
            if (index->slots[i].position)
                place(slots, capacity, index->slots[i].hash, index->slots[i].position - 1);
        free(index->slots);
        index->slots = slots;
        index->capacity = capacity;
    }
    place(index->slots, index->capacity, hash, position);
    index->used++;
    return true;
}

void ami_index_free(struct ami_index *index)
{
    free(index->slots);
    index->slots = NULL;
    index->capacity = index->used = 0;
}
