/*
 * tapi3cc: the provider interface — the TSPI-style backend the COM objects talk to.
 *
 * A provider is one kind of ACD back end ("acd", the embedded emulator; later
 * "tapi32", real TAPI 2.2).  Like sqlite3_vfs it is a versioned table of function
 * pointers with an opaque context: open() makes one context per ACD system, and
 * every member takes it.  Members correspond one to one to the TAPI 2.2 agent
 * proxy requests (spec §9.2, §11) and fill the same structures by TAPI's
 * variable-size rules:
 *
 *   - the caller sets dwTotalSize (the bytes it allocated);
 *   - the provider sets dwNeededSize (the bytes everything would take) and
 *     dwUsedSize (the bytes it wrote), writes strings (UTF-16, NUL-terminated,
 *     sizes in bytes including the NUL) and arrays after the fixed part, at offsets
 *     from the start of the structure, and writes nothing variable that does not
 *     fit (the fixed part is still filled: dwNeededSize says how much to allocate);
 *   - a dwTotalSize smaller than the fixed part gives TCC_LINEERR_STRUCTURETOOSMALL
 *     and writes only dwNeededSize (when at least 12 bytes are there for it).
 *
 * Members return 0 or a TCC_LINEERR_* code.  Strings passed in are UTF-16, NUL-
 * terminated, and may be NULL where TAPI allows it.  New members are only ever
 * appended; `version` says which exist.
 *
 * Unsolicited status arrives through the callback given to set_event_callback:
 * TCC_LINE_AGENTSTATUSEX (hAgent, LINEAGENTSTATUSEX_ bits, state),
 * TCC_LINE_AGENTSESSIONSTATUS (hAgentSession, LINEAGENTSESSIONSTATUS_ bits, state),
 * TCC_LINE_QUEUESTATUS (queue ID, LINEQUEUESTATUS_ bits, 0) and
 * TCC_LINE_GROUPSTATUS (0, LINEGROUPSTATUS_ bits, 0).  The callback is never
 * called while the provider holds a lock, so it may call back into the provider.
 */
#ifndef TAPI3CC_PROVIDER_H
#define TAPI3CC_PROVIDER_H

#include <stddef.h>
#include <stdint.h>

#include "tapi2.h"

#define TCC_PROVIDER_VERSION_1 1
#define TCC_PROVIDER_VERSION_2 2    /* adds poll */

typedef uint16_t tcc_wchar;     /* UTF-16 code unit, as WCHAR */

typedef void (*tcc_provider_event_fn)(void *user, uint32_t message, uint32_t param1, uint32_t param2,
                                      uint32_t param3);

/* The addresses an agent can log in on (no TAPI 2 structure lists them: this one
 * follows the same variable-size rules as LINEAGENTGROUPLIST). */
#pragma pack(push, 1)
typedef struct
{
    uint32_t dwLineID;
    uint32_t dwAddressID;
    uint32_t dwNameSize;
    uint32_t dwNameOffset;
    uint32_t dwDialableAddressSize;
    uint32_t dwDialableAddressOffset;
} TCC_ADDRESSENTRY;

typedef struct
{
    TCC_LIST_HEADER;
} TCC_ADDRESSLIST;
#pragma pack(pop)

struct tcc_provider
{
    int version;
    const char *name;

    /* One ACD system.  `config` is the provider's configuration string; on failure
     * a sentence goes to `error`. */
    int32_t (*open)(const char *config, void **context, char *error, size_t error_size);
    void (*close)(void *context);
    void (*set_event_callback)(void *context, tcc_provider_event_fn callback, void *user);

    /* lineGetAgentCaps: the handler's name (dwAgentHandlerInfo) and ProxyGUID. */
    int32_t (*get_agent_caps)(void *context, uint32_t address_id, TCC_LINEAGENTCAPS *caps);
    /* lineCreateAgent: id and pin NULL for an operating-system-login agent, whose
     * user name is `user` (a tapi3cc addition: TAPI 3's ITAgent::get_User). */
    int32_t (*create_agent)(void *context, const tcc_wchar *id, const tcc_wchar *pin, const tcc_wchar *user,
                            tcc_hagent *agent);
    int32_t (*get_agent_info)(void *context, tcc_hagent agent, TCC_LINEAGENTINFO *info);
    int32_t (*set_agent_state_ex)(void *context, tcc_hagent agent, uint32_t state, uint32_t next_state);
    int32_t (*set_agent_measurement_period)(void *context, tcc_hagent agent, uint32_t period);
    /* lineCreateAgentSession; the line is given by its device ID. */
    int32_t (*create_agent_session)(void *context, tcc_hagent agent, const tcc_wchar *pin, uint32_t line_id,
                                    uint32_t working_address_id, const TCC_GUID *group,
                                    tcc_hagentsession *session);
    int32_t (*get_agent_session_list)(void *context, tcc_hagent agent, TCC_LINEAGENTSESSIONLIST *list);
    int32_t (*get_agent_session_info)(void *context, tcc_hagentsession session, TCC_LINEAGENTSESSIONINFO *info);
    int32_t (*set_agent_session_state)(void *context, tcc_hagentsession session, uint32_t state,
                                       uint32_t next_state);
    int32_t (*get_group_list)(void *context, TCC_LINEAGENTGROUPLIST *list);
    int32_t (*get_queue_list)(void *context, const TCC_GUID *group, TCC_LINEQUEUELIST *list);
    int32_t (*get_queue_info)(void *context, uint32_t queue_id, TCC_LINEQUEUEINFO *info);
    int32_t (*set_queue_measurement_period)(void *context, uint32_t queue_id, uint32_t period);
    int32_t (*get_address_list)(void *context, TCC_ADDRESSLIST *list);

    /* Version 2.  Brings the provider's own activity (the emulator's simulated
     * traffic) up to now and delivers the status messages it raised, so that a
     * listener sees a live stream without querying; called periodically while
     * events are wanted.  May be NULL. */
    void (*poll)(void *context);
};

/*
 * Plug-in providers.  A provider DLL exports, undecorated, exactly
 *
 *     const struct tcc_provider *tcc_provider_entry(int host_version, const struct tcc_host *host);
 *
 * The host (tapi3cc.dll) passes the highest contract version it knows
 * (TCC_PROVIDER_VERSION) and its services; the provider returns its table, whose
 * `version` must not be higher than host_version (a provider built against a newer
 * header than the host's is refused at ITTAPI::Initialize, as is a table with a
 * missing member).  The table and the host's services live as long as the DLL is
 * loaded; the host keeps the DLL loaded while any handler of it is open.
 *
 * The host finds a plug-in by name under HKEY_CURRENT_USER, then
 * HKEY_LOCAL_MACHINE, \Software\tapi3cc\Providers\NAME, string value "Dll" (the
 * DLL's full path).  Built-in names win over registered ones.
 */
#define TCC_PROVIDER_VERSION TCC_PROVIDER_VERSION_2     /* the newest this header describes */
#define TCC_PROVIDER_ENTRY "tcc_provider_entry"

#define TCC_HOST_VERSION_1 1
struct tcc_host
{
    int version;            /* TCC_HOST_VERSION_1 */
    /* Writes one line to the host's trace (a no-op when tracing is off): `provider`
     * is the provider's name, `line` a sentence without a newline.  Never pass a
     * secret or a PIN. */
    void (*trace)(const char *provider, const char *line);
};

typedef const struct tcc_provider *(*tcc_provider_entry_fn)(int host_version, const struct tcc_host *host);

/* Providers by name, as the host registered them (tapi3cc.dll registers its built-in
 * ones, such as "acd", before it looks a name up). */
const struct tcc_provider *tcc_provider_find(const char *name);
/* Returns 0, or -1 if the name is taken or the table is full. */
int tcc_provider_register(const struct tcc_provider *provider);

#endif
