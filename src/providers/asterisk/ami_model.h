/*
 * The call center as Asterisk reports it, kept from AMI's messages alone (no
 * polling): queues (ACD groups, one ITQueue each), queue memberships whose
 * MemberName is an agent ID (agent sessions, whoever made them), the callers waiting,
 * and the statistics the events carry.  Portable C: no sockets, no threads, no lock
 * (the provider holds one around every call), no Windows, no COM.
 *
 * Mapping (README, "Using tapi3cc with Asterisk"):
 *   queue NAME            group "NAME" (GUID derived from the name, the same in every
 *                         process) with one queue of the same name (ID: 1, 2, ... in
 *                         the order first seen, stable while the model lives)
 *   member (queue, interface, MemberName = agent ID)
 *                         one agent session (handle 1, 2, ...; a new membership, a new
 *                         session); with AMI_AGENT_IS_EXTENSION (FreePBX-made centers,
 *                         whose MemberName is the user's display name) the agent ID is
 *                         the extension the interface or state interface names
 *   session state         paused: NOT_READY; not paused: READY; from AgentConnect to
 *                         AgentComplete: BUSY_ON_CALL; then BUSY_WRAPUP for the
 *                         member's wrap-up time (or the queue's, as configured for
 *                         the provider); QueueMemberRemoved (or gone at a resync):
 *                         ENDED
 *
 * Every change raises the TAPI 2 status message the emulator would raise for it;
 * messages collect in the model's outbox, which the provider delivers after it has
 * let go of its lock.
 */
#ifndef TAPI3CC_AMI_MODEL_H
#define TAPI3CC_AMI_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ami_frame.h"
#include "tapi3cc/tapi2.h"

#define AMI_NAME_SIZE 80

typedef int64_t (*ami_clock_fn)(void *user);

struct ami_status
{
    uint32_t message, param1, param2, param3;
};

struct ami_model;

/* `clock`: seconds since the Unix epoch. */
struct ami_model *ami_model_create(ami_clock_fn clock, void *clock_user);
void ami_model_destroy(struct ami_model *model);

/* Whose agent a queue member is: its MemberName (the default: tapi3cc's own
 * members, MemberName = agent ID), or the extension its interface names
 * (ami_member_extension: FreePBX). */
enum ami_agent_identity { AMI_AGENT_IS_MEMBER_NAME, AMI_AGENT_IS_EXTENSION };
void ami_model_set_agent_identity(struct ami_model *model, enum ami_agent_identity identity);
/* One agent's desktop: only that agent's memberships become sessions (the others'
 * are not listed, not counted, not raised); queues keep every caller and call.
 * NULL or "": every agent's (the default). */
void ami_model_set_desktop(struct ami_model *model, const char *agent_id);
/* The extension a member stands for: EXT of "Local/EXT@context[/n]", else of the
 * state interface "hint:EXT@context", else the device of "TECH/EXT" (SIP/2001,
 * PJSIP/2001, IAX2/2001, DAHDI/1).  False (and "") when it names none. */
bool ami_member_extension(const char *interface, const char *state_interface, char *out, size_t size);

/* A queue's wrap-up seconds when the member reports none (Asterisk's QueueStatus
 * does not carry the queue's own `wrapuptime`): from the provider's configuration. */
void ami_model_set_queue_wrapup(struct ami_model *model, const char *queue, uint32_t seconds);

/* Resynchronisation (after connect or reconnect): begin, apply QueueStatus's
 * QueueParams and QueueMember items, end: what was not seen again is gone (its
 * sessions end, its queue is removed), what is new is announced. */
void ami_model_begin_resync(struct ami_model *model);
void ami_model_end_resync(struct ami_model *model);
/* When Asterisk started (CoreStatus, at each resync): a change means it restarted,
 * so the queues' counts start again from its totals at the next QueueParams. */
void ami_model_note_server_start(struct ami_model *model, const char *started);
/* One message from AMI: a live event or a resync item; anything else is ignored. */
void ami_model_apply(struct ami_model *model, const struct ami_message *message);
/* Time-driven changes up to now (wrap-up ending). */
void ami_model_tick(struct ami_model *model);

/* The status messages raised since the last take (the caller delivers them). */
size_t ami_model_take(struct ami_model *model, struct ami_status *out, size_t max);

/* Queries. */
size_t ami_model_queue_count(const struct ami_model *model);
/* The n-th queue (0-based): its name, ID and group GUID; false past the end. */
bool ami_model_queue_at(const struct ami_model *model, size_t index, const char **name, uint32_t *id,
                        TCC_GUID *group);
bool ami_model_queue_by_group(const struct ami_model *model, const TCC_GUID *group, uint32_t *id, const char **name);
bool ami_model_queue_info(struct ami_model *model, uint32_t id, TCC_LINEQUEUEINFO *info);
int32_t ami_model_set_queue_period(struct ami_model *model, uint32_t id, uint32_t period);

/* A session's membership (for QueuePause and QueueRemove) and its agent ID. */
bool ami_model_session_member(const struct ami_model *model, uint32_t session, const char **queue,
                              const char **interface, const char **agent_id, uint32_t *state);
/* A member from Asterisk's configuration (Membership "static"): it cannot be
 * removed over AMI. */
bool ami_model_session_static(const struct ami_model *model, uint32_t session);
/* The live session of (queue, interface), or 0. */
uint32_t ami_model_find_session(const struct ami_model *model, const char *queue, const char *interface);
bool ami_model_session_info(struct ami_model *model, uint32_t session, TCC_LINEAGENTSESSIONINFO *info);
/* The sessions of an agent ID, every one the model has seen (ended ones too), into
 * out[max]; returns how many there are. */
size_t ami_model_agent_sessions(const struct ami_model *model, const char *agent_id, uint32_t *out, size_t max);
/* The agent's derived state and period statistics. */
void ami_model_agent_info(struct ami_model *model, const char *agent_id, TCC_LINEAGENTINFO *info);
/* The agent handle the provider gave `agent_id`, so that the model's messages
 * about the agent (LINE_AGENTSTATUSEX) name it; 0 forgets. */
void ami_model_set_agent_handle(struct ami_model *model, const char *agent_id, uint32_t handle);
int32_t ami_model_set_agent_period(struct ami_model *model, const char *agent_id, uint32_t period);

/* The group GUID of a queue name (the same in every process). */
void ami_model_group_guid(const char *queue, TCC_GUID *guid);

#endif
