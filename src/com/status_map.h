/*
 * From a provider's status message (TAPI 2's LINE_AGENTSTATUSEX,
 * LINE_AGENTSESSIONSTATUS, LINE_QUEUESTATUS, LINE_GROUPSTATUS, LINE_PROXYSTATUS) to
 * the TAPI 3 events it means (spec §9.6).  Portable, so that the table is tested
 * natively; the COM layer finds the objects and delivers.
 *
 *   LINE_AGENTSTATUSEX, STATE bit, state LINEAGENTSTATEEX_x  -> TE_AGENT, AE_x (AE_x == AS_x,
 *                                                              x = log2 of the bit);
 *                       RELEASED or several bits             -> TE_AGENT, AE_UNKNOWN
 *                       with NEWAGENT                        -> nothing (AGENT_EVENT has no
 *                                                              "new agent"; the client made it)
 *                       UPDATEINFO alone                     -> nothing (statistics changed)
 *   LINE_AGENTSESSIONSTATUS, NEWSESSION                      -> TE_AGENTSESSION, ASE_NEW_SESSION
 *                       STATE, LINEAGENTSESSIONSTATE_x       -> TE_AGENTSESSION, 1 + ASST_x
 *                                                              (ASE_NOT_READY .. ASE_END)
 *                       STATE, RELEASED                      -> TE_AGENTSESSION, ASE_END
 *                       UPDATEINFO alone                     -> nothing
 *   LINE_QUEUESTATUS,   NEWQUEUE / QUEUEREMOVED              -> TE_QUEUE, ACDQE_NEW_QUEUE / _QUEUE_REMOVED
 *                       UPDATEINFO alone                     -> nothing (ACDQUEUE_EVENT has no
 *                                                              "statistics changed")
 *   LINE_GROUPSTATUS,   NEWGROUP / GROUPREMOVED              -> TE_ACDGROUP, ACDGE_NEW_GROUP / _GROUP_REMOVED
 *   LINE_PROXYSTATUS,   OPEN / CLOSE                         -> TE_AGENTHANDLER, AHE_NEW_AGENTHANDLER /
 *                                                              AHE_AGENTHANDLER_REMOVED
 *   LINE_LINEDEVSTATE,  OUTOFSERVICE / INSERVICE             -> TE_ADDRESS, AE_STATE (for each of the
 *                                                              handler's addresses: the link is all of them)
 */
#ifndef TAPI3CC_STATUS_MAP_H
#define TAPI3CC_STATUS_MAP_H

#include <stdint.h>

/* TAPI_EVENT values (tapi3if, spec §4.2). */
#define TCC_TE_ADDRESS      0x00000002
#define TCC_TE_AGENT        0x00000200
#define TCC_TE_AGENTSESSION 0x00000400
#define TCC_TE_AGENTHANDLER 0x00001000
#define TCC_TE_ACDGROUP     0x00002000
#define TCC_TE_QUEUE        0x00004000

struct tcc_status_event
{
    uint32_t tapi_event;    /* TCC_TE_* */
    uint32_t value;         /* AGENT_EVENT, AGENT_SESSION_EVENT, ACDGROUP_EVENT, ... */
};

/* Fills up to two events; returns how many. */
int tcc_status_to_events(uint32_t message, uint32_t bits, uint32_t state, struct tcc_status_event out[2]);

#endif
