/*
 * The registration plan (see reg_plan.h): every key and value tapi3cc writes.
 */
#include "reg_plan.h"

#include <stdio.h>
#include <string.h>

/* The interfaces whose calls the OLE Automation marshaler can carry between
 * apartments: the dual and oleautomation ones of our type library.  The enumerators
 * (plain IUnknown) and ITDispatchMapper (neither dual nor oleautomation) are left
 * out, as RegisterTypeLib would leave them out. */
static const struct
{
    const char *name;
    const char *iid;
    bool dispinterface;
}
automation_interfaces[] =
{
    { "ITCollection",                    "{5EC5ACF2-9C02-11D0-8362-00AA003CCABD}", false },
    { "ITCollection2",                   "{E6DDDDA5-A6D3-48FF-8737-D32FC4D95477}", false },
    { "ITTAPI",                          "{B1EFC382-9355-11D0-835C-00AA003CCABD}", false },
    { "ITTAPI2",                         "{54FBDC8C-D90F-4DAD-9695-B373097F094B}", false },
    { "ITAddress",                       "{B1EFC386-9355-11D0-835C-00AA003CCABD}", false },
    { "ITAddressCapabilities",           "{8DF232F5-821B-11D1-BB5C-00C04FB6809F}", false },
    { "ITTAPIEventNotification",         "{EDDB9426-3B91-11D1-8F30-00C04FB6809F}", false },
    { "ITTAPICallCenter",                "{5AFC3154-4BCC-11D1-BF80-00805FC147D3}", false },
    { "ITAgentHandler",                  "{587E8C22-9802-11D1-A0A4-00805FC147D3}", false },
    { "ITAgent",                         "{5770ECE5-4B27-11D1-BF80-00805FC147D3}", false },
    { "ITAgentSession",                  "{5AFC3147-4BCC-11D1-BF80-00805FC147D3}", false },
    { "ITACDGroup",                      "{5AFC3148-4BCC-11D1-BF80-00805FC147D3}", false },
    { "ITQueue",                         "{5AFC3149-4BCC-11D1-BF80-00805FC147D3}", false },
    { "ITAgentEvent",                    "{5AFC314A-4BCC-11D1-BF80-00805FC147D3}", false },
    { "ITAgentSessionEvent",             "{5AFC314B-4BCC-11D1-BF80-00805FC147D3}", false },
    { "ITACDGroupEvent",                 "{297F3032-BD11-11D1-A0A7-00805FC147D3}", false },
    { "ITQueueEvent",                    "{297F3033-BD11-11D1-A0A7-00805FC147D3}", false },
    { "ITAgentHandlerEvent",             "{297F3034-BD11-11D1-A0A7-00805FC147D3}", false },
    { "ITAddressEvent",                  "{831CE2D1-83B5-11D1-BB5C-00C04FB6809F}", false },
    { "ITTAPIDispatchEventNotification", "{9F34325B-7E62-11D2-9457-00C04F8EC888}", true },
};

/* The OLE Automation proxy/stub classes (PSOAInterface, PSDispatch). */
#define PS_OA_INTERFACE "{00020424-0000-0000-C000-000000000046}"
#define PS_DISPATCH "{00020420-0000-0000-C000-000000000046}"

#define TAPI_DESCRIPTION "TAPI 3.0 TAPI Object"
#define TAPI3CC_DESCRIPTION "tapi3cc TAPI Object"
#define MAPPER_DESCRIPTION "TAPI 3.0 DispatchMapper Object"
#define LIB_DESCRIPTION "tapi3cc 1.0 Type Library (TAPI 3 call-center objects)"

static struct tcc_reg_unit *add_unit(struct tcc_reg_plan *plan, enum tcc_reg_ownership ownership,
                                     const char *root_format, const char *root_arg)
{
    struct tcc_reg_unit *unit = &plan->units[plan->unit_count++];

    memset(unit, 0, sizeof(*unit));
    unit->ownership = ownership;
    snprintf(unit->root, sizeof(unit->root), root_format, root_arg);
    return unit;
}

static void add_value(struct tcc_reg_unit *unit, const char *subkey, const char *name,
                      enum tcc_reg_data data, const char *text)
{
    struct tcc_reg_value *value = &unit->values[unit->value_count++];

    value->subkey = subkey;
    value->name = name;
    value->data = data;
    value->text = text;
}

static void add_text(struct tcc_reg_unit *unit, const char *subkey, const char *name, const char *text)
{
    add_value(unit, subkey, name, TCC_REG_TEXT, text);
}

/* A creatable in-process class: ThreadingModel Both, because every object is safe
 * from any apartment and aggregates the free-threaded marshaler. */
static const char *add_class(struct tcc_reg_plan *plan, enum tcc_reg_ownership ownership,
                             const char *clsid, const char *description,
                             const char *progid, const char *vi_progid)
{
    struct tcc_reg_unit *unit = add_unit(plan, ownership, "CLSID\\%s", clsid);

    add_text(unit, "", NULL, description);
    add_value(unit, "InprocServer32", NULL, TCC_REG_MODULE_PATH, NULL);
    add_text(unit, "InprocServer32", "ThreadingModel", "Both");
    add_text(unit, "ProgID", NULL, progid);
    add_text(unit, "VersionIndependentProgID", NULL, vi_progid);
    add_text(unit, "TypeLib", NULL, TCC_REG_LIBID);
    add_text(unit, "Version", NULL, TCC_REG_LIB_VERSION);
    add_text(unit, "Programmable", NULL, NULL);
    return unit->root;
}

static void add_progid(struct tcc_reg_plan *plan, enum tcc_reg_ownership ownership,
                       const char *owner_class, const char *progid, const char *clsid,
                       const char *description, const char *current_version)
{
    struct tcc_reg_unit *unit = add_unit(plan, ownership, "%s", progid);

    unit->owner_class = ownership == TCC_REG_SHARED_PROGID ? owner_class : NULL;
    add_text(unit, "", NULL, description);
    add_text(unit, "CLSID", NULL, clsid);
    if (current_version)
        add_text(unit, "CurVer", NULL, current_version);
}

static void add_base(struct tcc_reg_plan *plan, bool win64)
{
    struct tcc_reg_unit *unit;
    size_t i;

    add_class(plan, TCC_REG_OWN, TCC_REG_CLSID_TAPI3CC, TAPI3CC_DESCRIPTION,
              TCC_REG_PROGID_VERSIONED, TCC_REG_PROGID);
    add_progid(plan, TCC_REG_OWN, NULL, TCC_REG_PROGID, TCC_REG_CLSID_TAPI3CC,
               TAPI3CC_DESCRIPTION, TCC_REG_PROGID_VERSIONED);
    add_progid(plan, TCC_REG_OWN, NULL, TCC_REG_PROGID_VERSIONED, TCC_REG_CLSID_TAPI3CC,
               TAPI3CC_DESCRIPTION, NULL);

    unit = add_unit(plan, TCC_REG_OWN, "TypeLib\\%s", TCC_REG_LIBID);
    add_text(unit, TCC_REG_LIB_VERSION, NULL, LIB_DESCRIPTION);
    add_value(unit, win64 ? TCC_REG_LIB_VERSION "\\0\\win64" : TCC_REG_LIB_VERSION "\\0\\win32",
              NULL, TCC_REG_MODULE_PATH, NULL);
    add_text(unit, TCC_REG_LIB_VERSION "\\FLAGS", NULL, "0");
    add_value(unit, TCC_REG_LIB_VERSION "\\HELPDIR", NULL, TCC_REG_MODULE_DIR, NULL);

    for (i = 0; i < sizeof(automation_interfaces) / sizeof(automation_interfaces[0]); i++)
    {
        const char *proxy = automation_interfaces[i].dispinterface ? PS_DISPATCH : PS_OA_INTERFACE;

        unit = add_unit(plan, TCC_REG_INTERFACE, "Interface\\%s", automation_interfaces[i].iid);
        add_text(unit, "", NULL, automation_interfaces[i].name);
        add_text(unit, "ProxyStubClsid", NULL, proxy);
        add_text(unit, "ProxyStubClsid32", NULL, proxy);
        add_text(unit, "TypeLib", NULL, TCC_REG_LIBID);
        add_text(unit, "TypeLib", "Version", TCC_REG_LIB_VERSION);
    }
}

static void add_dropin(struct tcc_reg_plan *plan)
{
    const char *tapi_class, *mapper_class;

    tapi_class = add_class(plan, TCC_REG_SHARED_CLASS, TCC_REG_CLSID_TAPI, TAPI_DESCRIPTION,
                           "TAPI.TAPI.1", "TAPI.TAPI");
    add_progid(plan, TCC_REG_SHARED_PROGID, tapi_class, "TAPI.TAPI", TCC_REG_CLSID_TAPI,
               TAPI_DESCRIPTION, "TAPI.TAPI.1");
    add_progid(plan, TCC_REG_SHARED_PROGID, tapi_class, "TAPI.TAPI.1", TCC_REG_CLSID_TAPI,
               TAPI_DESCRIPTION, NULL);

    mapper_class = add_class(plan, TCC_REG_SHARED_CLASS, TCC_REG_CLSID_DISPATCHMAPPER,
                             MAPPER_DESCRIPTION, "DispatchMapper.DispatchMapper.1",
                             "DispatchMapper.DispatchMapper");
    add_progid(plan, TCC_REG_SHARED_PROGID, mapper_class, "DispatchMapper.DispatchMapper",
               TCC_REG_CLSID_DISPATCHMAPPER, MAPPER_DESCRIPTION, "DispatchMapper.DispatchMapper.1");
    add_progid(plan, TCC_REG_SHARED_PROGID, mapper_class, "DispatchMapper.DispatchMapper.1",
               TCC_REG_CLSID_DISPATCHMAPPER, MAPPER_DESCRIPTION, NULL);
}

void tcc_reg_plan_build(struct tcc_reg_plan *plan, unsigned parts, bool win64)
{
    plan->unit_count = 0;
    if (parts & TCC_REG_PART_BASE)
        add_base(plan, win64);
    if (parts & TCC_REG_PART_DROPIN)
        add_dropin(plan);
}
