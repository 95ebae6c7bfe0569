/*
 * libFuzzer target: the acd provider driven by a random request sequence, with
 * random dwTotalSize values for every structure it fills.  The engine's state
 * machines must refuse what is not allowed (a LINEERR code) and never crash; the
 * variable-size rules must hold for every answer: dwNeededSize at least the fixed
 * part, dwUsedSize never beyond dwTotalSize, nothing written past dwTotalSize, and
 * every offset and size inside what was used.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acd_provider.h"

#define GUARD 0xA5
#define ROOM 4096

struct input
{
    const uint8_t *data;
    size_t size;
};

static uint32_t take(struct input *in, uint32_t limit)
{
    uint32_t value = 0;

    for (int i = 0; i < 2 && in->size; i++, in->data++, in->size--)
        value = value << 8 | *in->data;
    return limit ? value % limit : value;
}

/* A buffer with dwTotalSize = `total` and guard bytes after it. */
static uint8_t *buffer(uint32_t total)
{
    uint8_t *memory = malloc(ROOM + 64);

    memset(memory, GUARD, ROOM + 64);
    memcpy(memory, &total, 4);
    return memory;
}

static void check(const uint8_t *memory, uint32_t total, uint32_t fixed, int32_t result)
{
    uint32_t needed, used;

    for (uint32_t i = total; i < ROOM + 64; i++)
        if (memory[i] != GUARD)
            abort();                        /* written past dwTotalSize */
    if (result || total < 12)
        return;
    memcpy(&needed, memory + 4, 4);
    memcpy(&used, memory + 8, 4);
    if (needed < fixed || used > total || (total >= needed && used != needed))
    {
        fprintf(stderr, "total %u fixed %u needed %u used %u\n", total, fixed, needed, used);
        abort();
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const struct tcc_provider *acd = &tcc_acd_provider;
    struct input in = { data, size };
    static const tcc_wchar ids[3][5] = { { '1', '0', '0', '1', 0 }, { '1', '0', '0', '2', 0 }, { 'x', 0 } };
    static const tcc_wchar pins[3][5] = { { '1', '2', '3', '4', 0 }, { '2', '3', '4', '5', 0 }, { 0 } };
    static const TCC_GUID groups[2] = {
        { 0x1B2C3D4E, 0x0001, 0x4A5B, { 0x8C, 0x9D, 0x0E, 0x1F, 0x2A, 0x3B, 0x4C, 0x01 } },
        { 0x1B2C3D4E, 0x0002, 0x4A5B, { 0x8C, 0x9D, 0x0E, 0x1F, 0x2A, 0x3B, 0x4C, 0x02 } },
    };
    tcc_hagent agents[8] = { 0 };
    tcc_hagentsession sessions[16] = { 0 };
    int64_t now = 1767254400;
    char error[256];
    void *context;

    if (acd->open(size & 1 ? "clock=manual;start=1767254400;simulate=yes;seed=3" :
                             "clock=manual;start=1767254400;simulate=no", &context, error, sizeof(error)))
        abort();
    for (int step = 0; step < 200 && in.size; step++)
    {
        /* dwTotalSize itself is always there: a caller owns at least those 4 bytes. */
        uint32_t total = 4 + take(&in, ROOM - 4), which = take(&in, 0);
        uint8_t *memory;
        int32_t result;

        switch (take(&in, 12))
        {
        case 0:
            acd->create_agent(context, which & 4 ? NULL : ids[which % 3], which & 8 ? NULL : pins[(which >> 4) % 3],
                              ids[2], &agents[which % 8]);
            break;
        case 1:
            acd->create_agent_session(context, agents[which % 8], which & 8 ? NULL : pins[(which >> 4) % 3],
                                      (which >> 6) % 4, (which >> 8) % 2, &groups[(which >> 9) % 2],
                                      &sessions[which % 16]);
            break;
        case 2:
            acd->set_agent_session_state(context, sessions[which % 16], 1u << ((which >> 4) % 7), 0);
            break;
        case 3:
            acd->set_agent_state_ex(context, agents[which % 8], 1u << ((which >> 3) % 8), 0);
            break;
        case 4:
            acd->set_agent_measurement_period(context, agents[which % 8], which >> 4);
            break;
        case 5:
            acd->set_queue_measurement_period(context, (which >> 4) % 5, which >> 8);
            break;
        case 6:
            tcc_acd_control_inject_call(acd, context, 1 + which % 4, (which >> 2) % 500, (which >> 6) % 100,
                                        (which >> 9) % 300);
            break;
        case 7:
            now += which % 3600;
            tcc_acd_control_set_time(acd, context, now);
            break;
        case 8:
            memory = buffer(total);
            result = acd->get_agent_session_info(context, sessions[which % 16], (void *)memory);
            check(memory, total, sizeof(TCC_LINEAGENTSESSIONINFO), result);
            free(memory);
            break;
        case 9:
            memory = buffer(total);
            result = acd->get_agent_session_list(context, agents[which % 8], (void *)memory);
            check(memory, total, sizeof(TCC_LINEAGENTSESSIONLIST), result);
            free(memory);
            break;
        case 10:
            memory = buffer(total);
            result = which & 1 ? acd->get_group_list(context, (void *)memory)
                               : acd->get_queue_list(context, &groups[(which >> 1) % 2], (void *)memory);
            check(memory, total, sizeof(TCC_LINEAGENTGROUPLIST), result);
            free(memory);
            break;
        case 11:
            memory = buffer(total);
            switch (which % 4)
            {
            case 0:
                result = acd->get_agent_info(context, agents[(which >> 2) % 8], (void *)memory);
                check(memory, total, sizeof(TCC_LINEAGENTINFO), result);
                break;
            case 1:
                result = acd->get_queue_info(context, (which >> 2) % 5, (void *)memory);
                check(memory, total, sizeof(TCC_LINEQUEUEINFO), result);
                break;
            case 2:
                result = acd->get_agent_caps(context, (which >> 2) % 2, (void *)memory);
                check(memory, total, sizeof(TCC_LINEAGENTCAPS), result);
                break;
            default:
                result = acd->get_address_list(context, (void *)memory);
                check(memory, total, sizeof(TCC_ADDRESSLIST), result);
                break;
            }
            free(memory);
            break;
        }
    }
    acd->poll(context);
    acd->close(context);
    return 0;
}
