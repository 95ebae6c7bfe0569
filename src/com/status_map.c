/* Status messages to TAPI 3 events: the table is in status_map.h. */
#include "status_map.h"

#include "tapi3cc/tapi2.h"

/* The index of the one bit set in `bits` below `limit`, or -1. */
static int single_bit(uint32_t bits, int limit)
{
    for (int i = 0; i < limit; i++)
        if (bits == 1u << i)
            return i;
    return -1;
}

int tcc_status_to_events(uint32_t message, uint32_t bits, uint32_t state, struct tcc_status_event out[2])
{
    int count = 0, index;

    switch (message)
    {
    case TCC_LINE_AGENTSTATUSEX:
        if ((bits & TCC_LINEAGENTSTATUSEX_STATE) && !(bits & TCC_LINEAGENTSTATUSEX_NEWAGENT))
        {
            /* AS_NOT_READY 0 .. AS_UNKNOWN 5 are the bit numbers of LINEAGENTSTATEEX_. */
            index = single_bit(state, 6);
            out[count++] = (struct tcc_status_event){ TCC_TE_AGENT, index < 0 ? 5u : (uint32_t)index };
        }
        break;
    case TCC_LINE_AGENTSESSIONSTATUS:
        if (bits & TCC_LINEAGENTSESSIONSTATUS_NEWSESSION)
            out[count++] = (struct tcc_status_event){ TCC_TE_AGENTSESSION, 0 };      /* ASE_NEW_SESSION */
        else if (bits & TCC_LINEAGENTSESSIONSTATUS_STATE)
        {
            /* ASST_NOT_READY 0 .. ASST_SESSION_ENDED 4; ASE_ = 1 + ASST_; RELEASED ends. */
            index = single_bit(state, 5);
            out[count++] = (struct tcc_status_event){ TCC_TE_AGENTSESSION, index < 0 ? 5u : 1u + (uint32_t)index };
        }
        break;
    case TCC_LINE_QUEUESTATUS:
        if (bits & TCC_LINEQUEUESTATUS_NEWQUEUE)
            out[count++] = (struct tcc_status_event){ TCC_TE_QUEUE, 0 };             /* ACDQE_NEW_QUEUE */
        if (bits & TCC_LINEQUEUESTATUS_QUEUEREMOVED)
            out[count++] = (struct tcc_status_event){ TCC_TE_QUEUE, 1 };             /* ACDQE_QUEUE_REMOVED */
        break;
    case TCC_LINE_GROUPSTATUS:
        if (bits & TCC_LINEGROUPSTATUS_NEWGROUP)
            out[count++] = (struct tcc_status_event){ TCC_TE_ACDGROUP, 0 };          /* ACDGE_NEW_GROUP */
        if (bits & TCC_LINEGROUPSTATUS_GROUPREMOVED)
            out[count++] = (struct tcc_status_event){ TCC_TE_ACDGROUP, 1 };          /* ACDGE_GROUP_REMOVED */
        break;
    case TCC_LINE_LINEDEVSTATE:
        if (bits & (TCC_LINEDEVSTATE_OUTOFSERVICE | TCC_LINEDEVSTATE_INSERVICE))
            out[count++] = (struct tcc_status_event){ TCC_TE_ADDRESS, 0 };          /* AE_STATE */
        break;
    case TCC_LINE_PROXYSTATUS:
        if (bits & TCC_LINEPROXYSTATUS_OPEN)
            out[count++] = (struct tcc_status_event){ TCC_TE_AGENTHANDLER, 0 };      /* AHE_NEW_AGENTHANDLER */
        if (bits & TCC_LINEPROXYSTATUS_CLOSE)
            out[count++] = (struct tcc_status_event){ TCC_TE_AGENTHANDLER, 1 };      /* AHE_AGENTHANDLER_REMOVED */
        break;
    }
    return count;
}
