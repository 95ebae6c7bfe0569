/*
 * The registration plan: what tapi3cc writes to the registry, as data.
 *
 * Portable C (no Windows headers), so the native tests can pin every key and value,
 * and so DllRegisterServer, DllUnregisterServer and the registration tests read the
 * same list: what /u removes is exactly what the plan says was written.
 * src/dll/register.c applies a plan with the Win32 registry API.
 */
#ifndef TAPI3CC_REG_PLAN_H
#define TAPI3CC_REG_PLAN_H

#include <stdbool.h>
#include <stddef.h>

/* What regsvr32 /i:<words> asked for (DllInstall's command line). */
struct tcc_install_options
{
    bool dropin;   /* also CLSID_TAPI, TAPI.TAPI(.1), DispatchMapper */
    bool force;    /* drop-in may replace another DLL's registration */
    bool user;     /* HKCU\Software\Classes instead of HKLM\Software\Classes */
};

/*
 * Parses a comma- or space-separated, case-insensitive list of "dropin", "force"
 * and "user"; an empty or NULL line means no option.  Returns 0, or -1 with a
 * sentence naming the unknown word in `error` (NUL-terminated, truncated to size).
 */
int tcc_parse_install_options(const char *line, struct tcc_install_options *options,
                              char *error, size_t error_size);

/* How a unit's root key may be written and removed. */
enum tcc_reg_ownership
{
    /* Named by our own GUID or ProgID: always written, its tree removed on /u. */
    TCC_REG_OWN,
    /* A class another DLL (tapi3.dll) may own: refused if its InprocServer32 names
     * another file unless forced; on /u removed only while it still names us, and the
     * registration it replaced (if forced) is restored. */
    TCC_REG_SHARED_CLASS,
    /* A ProgID of a shared class: written with the class, removed with it unless the
     * class had another owner before us (then the ProgID was that owner's). */
    TCC_REG_SHARED_PROGID,
    /* HKCR\Interface\{IID}: written only where absent (a real tapi3.dll registers the
     * same IIDs), removed only while its TypeLib value is still our LIBID. */
    TCC_REG_INTERFACE,
};

enum tcc_reg_data
{
    TCC_REG_TEXT,        /* the string in `text` */
    TCC_REG_MODULE_PATH, /* full path of tapi3cc.dll, filled in when applied */
    TCC_REG_MODULE_DIR,  /* the directory that holds tapi3cc.dll */
};

struct tcc_reg_value
{
    const char *subkey;   /* below the unit's root; "" for the root itself */
    const char *name;     /* NULL for the key's default value */
    enum tcc_reg_data data;
    const char *text;
};

#define TCC_REG_MAX_VALUES 10
#define TCC_REG_MAX_UNITS 48
#define TCC_REG_KEY_SIZE 96

struct tcc_reg_unit
{
    enum tcc_reg_ownership ownership;
    char root[TCC_REG_KEY_SIZE];     /* relative to ...\Software\Classes */
    /* For SHARED_PROGID: the class root ("CLSID\{...}") the ProgID belongs to. */
    const char *owner_class;
    struct tcc_reg_value values[TCC_REG_MAX_VALUES];
    size_t value_count;
};

struct tcc_reg_plan
{
    struct tcc_reg_unit units[TCC_REG_MAX_UNITS];
    size_t unit_count;
};

/* Which part of the registration: regsvr32 alone writes BASE; /i:dropin adds DROPIN. */
enum tcc_reg_part
{
    TCC_REG_PART_BASE = 1,
    TCC_REG_PART_DROPIN = 2,
};

/* Fills `plan` with the units of `parts`, for a 64-bit or a 32-bit DLL (the
 * type library's path lives under "win64" or "win32"). */
void tcc_reg_plan_build(struct tcc_reg_plan *plan, unsigned parts, bool win64);

/* Our GUIDs and names, as the registry spells them. */
#define TCC_REG_LIBID "{AB8E11FE-212B-4FAA-AC47-B38BA3AEB390}"
#define TCC_REG_LIB_VERSION "1.0"
#define TCC_REG_CLSID_TAPI3CC "{A18A7375-79F6-4D45-9568-DABF807A96D1}"
#define TCC_REG_CLSID_TAPI "{21D6D48E-A88B-11D0-83DD-00AA003CCABD}"
#define TCC_REG_CLSID_DISPATCHMAPPER "{E9225296-C759-11D1-A02B-00C04FB6809F}"
#define TCC_REG_PROGID "Tapi3cc.TAPI"
#define TCC_REG_PROGID_VERSIONED "Tapi3cc.TAPI.1"

/* Where a forced drop-in keeps the registration it replaced, below HKLM or HKCU
 * (not below Software\Classes): "Software\tapi3cc\Replaced\{CLSID}". */
#define TCC_REG_BACKUP_ROOT "Software\\tapi3cc\\Replaced"

#endif
