/*
 * DllRegisterServer, DllUnregisterServer and DllInstall: apply the registration
 * plan (src/reg/reg_plan.c) to HKLM\Software\Classes, or to HKCU\Software\Classes
 * for the per-user variant.
 *
 * Writing is all-or-nothing: every key this call creates is journaled, and on a
 * failure the journal is undone before the Win32 error is returned as an HRESULT.
 * Removing is exact: a unit is removed only while it still names this DLL (or our
 * LIBID), so whatever another DLL registered survives a /u.
 */
#include "../com/errors.h"
#include "../reg/reg_plan.h"

#include <stdlib.h>
#include <wchar.h>

#define KEY_PATH_SIZE 256
#define JOURNAL_SIZE 256

struct registrar
{
    HKEY classes;     /* ...\Software\Classes */
    HKEY hive;        /* HKLM or HKCU */
    REGSAM other_view; /* KEY_WOW64_32KEY or _64KEY: the other bitness's view, or 0 */
    HKEY software;    /* ...\Software, for the backups of forced drop-in classes */
    WCHAR module_path[MAX_PATH];
    WCHAR module_dir[MAX_PATH];
    const WCHAR *module_name;
    BOOL force;
    /* keys this call created, in creation order, for the rollback */
    WCHAR journal[JOURNAL_SIZE][KEY_PATH_SIZE];
    size_t journal_count;
    /* test hook: fail the n-th value write (TAPI3CC_TEST_REG_FAIL_AT) */
    long writes, fail_at;
};

static void widen(const char *text, WCHAR *out, size_t size)
{
    if (!MultiByteToWideChar(CP_UTF8, 0, text, -1, out, (int)size))
        out[0] = 0;
}

static void join_path(WCHAR *out, size_t size, const char *root, const char *subkey)
{
    WCHAR wide_root[KEY_PATH_SIZE], wide_subkey[KEY_PATH_SIZE];

    widen(root, wide_root, ARRAYSIZE(wide_root));
    widen(subkey ? subkey : "", wide_subkey, ARRAYSIZE(wide_subkey));
    if (wide_subkey[0])
        _snwprintf(out, size, L"%ls\\%ls", wide_root, wide_subkey);
    else
        _snwprintf(out, size, L"%ls", wide_root);
    out[size - 1] = 0;
}

static LSTATUS read_string(HKEY root, const WCHAR *path, const WCHAR *name, WCHAR *out, DWORD size)
{
    DWORD bytes = size * sizeof(WCHAR), type;
    LSTATUS status;
    HKEY key;

    out[0] = 0;
    if ((status = RegOpenKeyExW(root, path, 0, KEY_READ, &key)))
        return status;
    status = RegQueryValueExW(key, name, NULL, &type, (BYTE *)out, &bytes);
    RegCloseKey(key);
    if (!status && type != REG_SZ && type != REG_EXPAND_SZ)
        status = ERROR_INVALID_DATA;
    if (!status)
        out[min(bytes / sizeof(WCHAR), (DWORD)size - 1)] = 0;
    return status;
}

static BOOL key_exists(HKEY root, const WCHAR *path)
{
    HKEY key;

    if (RegOpenKeyExW(root, path, 0, KEY_READ, &key))
        return FALSE;
    RegCloseKey(key);
    return TRUE;
}

/* A registered server is ours if it names a file called like this DLL: a copy of
 * tapi3cc elsewhere (an older install) may be replaced, tapi3.dll may not. */
static BOOL server_is_ours(const struct registrar *reg, const WCHAR *server)
{
    const WCHAR *name = wcsrchr(server, '\\');

    name = name ? name + 1 : server;
    return !_wcsicmp(name, reg->module_name);
}

static BOOL class_is_ours(const struct registrar *reg, const char *class_root, BOOL *registered)
{
    WCHAR path[KEY_PATH_SIZE], server[MAX_PATH];

    join_path(path, ARRAYSIZE(path), class_root, "InprocServer32");
    *registered = !read_string(reg->classes, path, NULL, server, ARRAYSIZE(server));
    return *registered && server_is_ours(reg, server);
}

/*
 * Both bitnesses side by side (64-bit Windows, or Wine with 32-bit Wine): WOW64 gives
 * each bitness its own CLSID and Interface keys, but ProgIDs and TypeLib are one key
 * for both.  While the other bitness's tapi3cc still has its class registered, /u
 * leaves the shared keys to it: its ProgIDs stay, and of the type library only this
 * bitness's path (win32 or win64) goes.
 */
static BOOL redirected(const char *root)
{
    return !strncmp(root, "CLSID\\", 6) || !strncmp(root, "Interface\\", 10);
}

/* The view flag is given to the open of the key itself: it is not inherited by keys
 * opened below a handle. */
static BOOL other_bitness_has(const struct registrar *reg, const char *class_root)
{
    WCHAR relative[KEY_PATH_SIZE], path[KEY_PATH_SIZE], server[MAX_PATH];
    DWORD bytes = sizeof(server) - sizeof(WCHAR), type;
    LSTATUS status;
    HKEY key;

    if (!reg->other_view)
        return FALSE;
    join_path(relative, ARRAYSIZE(relative), class_root, "InprocServer32");
    _snwprintf(path, ARRAYSIZE(path), L"Software\\Classes\\%ls", relative);
    path[ARRAYSIZE(path) - 1] = 0;
    if (RegOpenKeyExW(reg->hive, path, 0, KEY_READ | reg->other_view, &key))
        return FALSE;
    status = RegQueryValueExW(key, NULL, NULL, &type, (BYTE *)server, &bytes);
    RegCloseKey(key);
    if (status || (type != REG_SZ && type != REG_EXPAND_SZ))
        return FALSE;
    server[bytes / sizeof(WCHAR)] = 0;
    /* Where the view is not redirected (a Wine prefix made without 32-bit Wine),
     * the "other" view shows this DLL's own registration: that is no other bitness. */
    return server_is_ours(reg, server) && _wcsicmp(server, reg->module_path);
}

static REGSAM other_view(void)
{
    BOOL wow64 = FALSE;

    /* A 32-bit DLL on 32-bit Windows has no other bitness. */
    if (sizeof(void *) == 4 && (!IsWow64Process(GetCurrentProcess(), &wow64) || !wow64))
        return 0;
    return sizeof(void *) == 8 ? KEY_WOW64_32KEY : KEY_WOW64_64KEY;
}

static void backup_path(WCHAR *out, size_t size, const char *class_root)
{
    WCHAR clsid[KEY_PATH_SIZE];

    /* class_root is "CLSID\{...}" */
    widen(class_root + 6, clsid, ARRAYSIZE(clsid));
    _snwprintf(out, size, L"%hs\\%ls", TCC_REG_BACKUP_ROOT, clsid);
    out[size - 1] = 0;
}

/* Creates `path` below `root` one key at a time, journaling each key it creates. */
static LSTATUS create_key(struct registrar *reg, const WCHAR *path, HKEY *out)
{
    WCHAR partial[KEY_PATH_SIZE];
    const WCHAR *p = path;
    LSTATUS status;

    *out = NULL;
    for (;;)
    {
        const WCHAR *end = wcschr(p, '\\');
        size_t length = end ? (size_t)(end - path) : wcslen(path);
        DWORD disposition;
        HKEY key;

        if (length >= ARRAYSIZE(partial))
            return ERROR_FILENAME_EXCED_RANGE;
        memcpy(partial, path, length * sizeof(WCHAR));
        partial[length] = 0;
        status = RegCreateKeyExW(reg->classes, partial, 0, NULL, 0, KEY_READ | KEY_WRITE, NULL,
                                 &key, &disposition);
        if (status)
            return status;
        if (disposition == REG_CREATED_NEW_KEY)
        {
            if (reg->journal_count == JOURNAL_SIZE)
            {
                RegCloseKey(key);
                return ERROR_NOT_ENOUGH_MEMORY;
            }
            wcscpy(reg->journal[reg->journal_count++], partial);
        }
        if (!end)
        {
            *out = key;
            return ERROR_SUCCESS;
        }
        RegCloseKey(key);
        p = end + 1;
    }
}

static void roll_back(struct registrar *reg)
{
    while (reg->journal_count)
        RegDeleteTreeW(reg->classes, reg->journal[--reg->journal_count]);
}

static LSTATUS write_value(struct registrar *reg, const struct tcc_reg_unit *unit,
                           const struct tcc_reg_value *value)
{
    WCHAR path[KEY_PATH_SIZE], name[64], text[MAX_PATH];
    const WCHAR *data = NULL;
    LSTATUS status;
    HKEY key;

    if (reg->fail_at && ++reg->writes == reg->fail_at)
        return ERROR_ACCESS_DENIED;

    join_path(path, ARRAYSIZE(path), unit->root, value->subkey);
    if ((status = create_key(reg, path, &key)))
        return status;

    switch (value->data)
    {
    case TCC_REG_TEXT:
        if (value->text)
        {
            widen(value->text, text, ARRAYSIZE(text));
            data = text;
        }
        break;
    case TCC_REG_MODULE_PATH:
        data = reg->module_path;
        break;
    case TCC_REG_MODULE_DIR:
        data = reg->module_dir;
        break;
    }
    if (data)
    {
        if (value->name)
            widen(value->name, name, ARRAYSIZE(name));
        status = RegSetValueExW(key, value->name ? name : NULL, 0, REG_SZ, (const BYTE *)data,
                                (DWORD)((wcslen(data) + 1) * sizeof(WCHAR)));
    }
    RegCloseKey(key);
    return status;
}

/* Keeps what a forced drop-in replaces, once, so that /u can put it back. */
static LSTATUS back_up_class(struct registrar *reg, const char *class_root)
{
    WCHAR path[KEY_PATH_SIZE], backup[KEY_PATH_SIZE], server[MAX_PATH], model[64];
    LSTATUS status;
    HKEY key;

    backup_path(backup, ARRAYSIZE(backup), class_root);
    if (key_exists(reg->software, backup))
        return ERROR_SUCCESS;
    join_path(path, ARRAYSIZE(path), class_root, "InprocServer32");
    if (read_string(reg->classes, path, NULL, server, ARRAYSIZE(server)))
        return ERROR_SUCCESS;
    if (read_string(reg->classes, path, L"ThreadingModel", model, ARRAYSIZE(model)))
        model[0] = 0;

    if ((status = RegCreateKeyExW(reg->software, backup, 0, NULL, 0, KEY_WRITE, NULL, &key, NULL)))
        return status;
    status = RegSetValueExW(key, L"InprocServer32", 0, REG_SZ, (const BYTE *)server,
                            (DWORD)((wcslen(server) + 1) * sizeof(WCHAR)));
    if (!status)
        status = RegSetValueExW(key, L"ThreadingModel", 0, REG_SZ, (const BYTE *)model,
                                (DWORD)((wcslen(model) + 1) * sizeof(WCHAR)));
    RegCloseKey(key);
    if (status)
        RegDeleteTreeW(reg->software, backup);
    return status;
}

/* A ProgID that a forced drop-in adds beside another DLL's class is ours alone:
 * the backup notes it, so that /u removes it while keeping the ProgIDs that were
 * there before. */
static LSTATUS note_created_progid(struct registrar *reg, const struct tcc_reg_unit *unit)
{
    WCHAR backup[KEY_PATH_SIZE], name[KEY_PATH_SIZE];
    DWORD one = 1;
    LSTATUS status;
    HKEY key;

    backup_path(backup, ARRAYSIZE(backup), unit->owner_class);
    if (RegOpenKeyExW(reg->software, backup, 0, KEY_WRITE, &key))
        return ERROR_SUCCESS;   /* no backup: the class, and so the ProgID, is ours */
    widen(unit->root, name, ARRAYSIZE(name));
    status = RegSetValueExW(key, name, 0, REG_DWORD, (const BYTE *)&one, sizeof(one));
    RegCloseKey(key);
    return status;
}

static BOOL progid_was_created_by_us(struct registrar *reg, const WCHAR *backup, const struct tcc_reg_unit *unit)
{
    WCHAR name[KEY_PATH_SIZE];

    widen(unit->root, name, ARRAYSIZE(name));
    return !RegGetValueW(reg->software, backup, name, RRF_RT_REG_DWORD, NULL, NULL, NULL);
}

/* Refuses, before anything is written, to take over another DLL's classes. */
static HRESULT check_conflicts(struct registrar *reg, const struct tcc_reg_plan *plan)
{
    size_t i;

    for (i = 0; i < plan->unit_count; i++)
    {
        const struct tcc_reg_unit *unit = &plan->units[i];
        BOOL registered;

        if (unit->ownership != TCC_REG_SHARED_CLASS)
            continue;
        if (!class_is_ours(reg, unit->root, &registered) && registered && !reg->force)
        {
            WCHAR root[KEY_PATH_SIZE];

            widen(unit->root, root, ARRAYSIZE(root));
            tcc__error(HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS), &IID_NULL,
                       L"tapi3cc: %ls is registered to another DLL; not replacing it. "
                       L"Use regsvr32 /i:dropin,force to replace it (tapi3cc /u restores it).", root);
            OutputDebugStringW(L"tapi3cc: drop-in registration refused, CLSID_TAPI belongs to another DLL\n");
            return HRESULT_FROM_WIN32(ERROR_ALREADY_EXISTS);
        }
    }
    return S_OK;
}

static HRESULT write_plan(struct registrar *reg, const struct tcc_reg_plan *plan)
{
    LSTATUS status = ERROR_SUCCESS;
    size_t i, j;
    HRESULT hr;

    if (FAILED(hr = check_conflicts(reg, plan)))
        return hr;

    for (i = 0; i < plan->unit_count && !status; i++)
    {
        const struct tcc_reg_unit *unit = &plan->units[i];
        WCHAR root[KEY_PATH_SIZE];
        BOOL registered;

        widen(unit->root, root, ARRAYSIZE(root));
        if (unit->ownership == TCC_REG_INTERFACE && key_exists(reg->classes, root))
            continue;   /* registered by tapi3.dll, or by us before: leave it */
        if (unit->ownership == TCC_REG_SHARED_CLASS && !class_is_ours(reg, unit->root, &registered) &&
            registered)
            status = back_up_class(reg, unit->root);

        if (unit->ownership == TCC_REG_SHARED_PROGID && !key_exists(reg->classes, root))
            status = note_created_progid(reg, unit);

        for (j = 0; j < unit->value_count && !status; j++)
            status = write_value(reg, unit, &unit->values[j]);
    }

    if (status)
    {
        roll_back(reg);
        return HRESULT_FROM_WIN32(status);
    }
    return S_OK;
}

static void restore_class(struct registrar *reg, const char *class_root, const WCHAR *backup)
{
    WCHAR path[KEY_PATH_SIZE], server[MAX_PATH], model[64];
    HKEY key;

    if (read_string(reg->software, backup, L"InprocServer32", server, ARRAYSIZE(server)))
        return;
    if (read_string(reg->software, backup, L"ThreadingModel", model, ARRAYSIZE(model)))
        model[0] = 0;
    join_path(path, ARRAYSIZE(path), class_root, "InprocServer32");
    if (!RegCreateKeyExW(reg->classes, path, 0, NULL, 0, KEY_WRITE, NULL, &key, NULL))
    {
        RegSetValueExW(key, NULL, 0, REG_SZ, (const BYTE *)server,
                       (DWORD)((wcslen(server) + 1) * sizeof(WCHAR)));
        if (model[0])
            RegSetValueExW(key, L"ThreadingModel", 0, REG_SZ, (const BYTE *)model,
                           (DWORD)((wcslen(model) + 1) * sizeof(WCHAR)));
        RegCloseKey(key);
    }
    RegDeleteTreeW(reg->software, backup);
}

static void remove_plan(struct registrar *reg, const struct tcc_reg_plan *plan)
{
    size_t i;

    /* ProgIDs first: whether a shared ProgID is ours depends on its class, which
     * the second pass removes or restores. */
    for (i = 0; i < plan->unit_count; i++)
    {
        const struct tcc_reg_unit *unit = &plan->units[i];
        WCHAR root[KEY_PATH_SIZE], backup[KEY_PATH_SIZE];
        BOOL registered;

        if (unit->ownership != TCC_REG_SHARED_PROGID || other_bitness_has(reg, unit->owner_class))
            continue;
        backup_path(backup, ARRAYSIZE(backup), unit->owner_class);
        if (class_is_ours(reg, unit->owner_class, &registered) &&
            (!key_exists(reg->software, backup) || progid_was_created_by_us(reg, backup, unit)))
        {
            widen(unit->root, root, ARRAYSIZE(root));
            RegDeleteTreeW(reg->classes, root);
        }
    }

    for (i = 0; i < plan->unit_count; i++)
    {
        const struct tcc_reg_unit *unit = &plan->units[i];
        WCHAR root[KEY_PATH_SIZE], path[KEY_PATH_SIZE], backup[KEY_PATH_SIZE], libid[64];
        BOOL registered;

        widen(unit->root, root, ARRAYSIZE(root));
        switch (unit->ownership)
        {
        case TCC_REG_OWN:
            if (redirected(unit->root) || !other_bitness_has(reg, "CLSID\\" TCC_REG_CLSID_TAPI3CC))
                RegDeleteTreeW(reg->classes, root);
            else if (!strncmp(unit->root, "TypeLib\\", 8))
            {
                join_path(path, ARRAYSIZE(path), unit->root,
                          sizeof(void *) == 8 ? TCC_REG_LIB_VERSION "\\0\\win64" : TCC_REG_LIB_VERSION "\\0\\win32");
                RegDeleteTreeW(reg->classes, path);
            }
            break;
        case TCC_REG_INTERFACE:
            join_path(path, ARRAYSIZE(path), unit->root, "TypeLib");
            if (!read_string(reg->classes, path, NULL, libid, ARRAYSIZE(libid)) &&
                !_wcsicmp(libid, L"" TCC_REG_LIBID))
                RegDeleteTreeW(reg->classes, root);
            break;
        case TCC_REG_SHARED_CLASS:
            if (!class_is_ours(reg, unit->root, &registered))
                break;
            backup_path(backup, ARRAYSIZE(backup), unit->root);
            if (key_exists(reg->software, backup))
                restore_class(reg, unit->root, backup);
            else
                RegDeleteTreeW(reg->classes, root);
            break;
        case TCC_REG_SHARED_PROGID:
            break;
        }
    }
}

static HRESULT open_registrar(struct registrar *reg, BOOL user, BOOL force)
{
    HKEY hive = user ? HKEY_CURRENT_USER : HKEY_LOCAL_MACHINE;
    const char *fail_at = getenv("TAPI3CC_TEST_REG_FAIL_AT");
    DWORD length;
    WCHAR *slash;
    LSTATUS status;

    memset(reg, 0, sizeof(*reg));
    reg->force = force;
    reg->fail_at = fail_at ? strtol(fail_at, NULL, 10) : 0;

    length = GetModuleFileNameW(tcc__module(), reg->module_path, ARRAYSIZE(reg->module_path));
    if (!length || length >= ARRAYSIZE(reg->module_path))
        return HRESULT_FROM_WIN32(ERROR_FILENAME_EXCED_RANGE);
    wcscpy(reg->module_dir, reg->module_path);
    if ((slash = wcsrchr(reg->module_dir, '\\')))
        *slash = 0;
    reg->module_name = wcsrchr(reg->module_path, '\\') ? wcsrchr(reg->module_path, '\\') + 1
                                                        : reg->module_path;

    if ((status = RegCreateKeyExW(hive, L"Software\\Classes", 0, NULL, 0, KEY_READ | KEY_WRITE, NULL,
                                  &reg->classes, NULL)))
        return HRESULT_FROM_WIN32(status);
    if ((status = RegCreateKeyExW(hive, L"Software", 0, NULL, 0, KEY_READ | KEY_WRITE, NULL,
                                  &reg->software, NULL)))
    {
        RegCloseKey(reg->classes);
        return HRESULT_FROM_WIN32(status);
    }
    reg->hive = hive;
    reg->other_view = other_view();
    return S_OK;
}

static void close_registrar(struct registrar *reg)
{
    RegCloseKey(reg->classes);
    RegCloseKey(reg->software);
}

/* Writes the `parts` of the plan into HKLM or HKCU, or (remove) takes every part
 * of ours out of it. */
static HRESULT apply(BOOL user, BOOL force, BOOL remove, unsigned parts)
{
    struct tcc_reg_plan *plan;
    struct registrar *reg;
    HRESULT hr;

    plan = HeapAlloc(GetProcessHeap(), 0, sizeof(*plan));
    reg = HeapAlloc(GetProcessHeap(), 0, sizeof(*reg));
    if (!plan || !reg)
        hr = E_OUTOFMEMORY;
    else if (SUCCEEDED(hr = open_registrar(reg, user, force)))
    {
        tcc_reg_plan_build(plan, parts, sizeof(void *) == 8);
        if (remove)
            remove_plan(reg, plan);
        else
            hr = write_plan(reg, plan);
        close_registrar(reg);
    }
    HeapFree(GetProcessHeap(), 0, plan);
    HeapFree(GetProcessHeap(), 0, reg);
    return hr;
}

#define ALL_PARTS (TCC_REG_PART_BASE | TCC_REG_PART_DROPIN)

HRESULT WINAPI DllRegisterServer(void)
{
    return apply(FALSE, FALSE, FALSE, TCC_REG_PART_BASE);
}

/* Removes everything of ours in HKLM, drop-in classes included while they are ours. */
HRESULT WINAPI DllUnregisterServer(void)
{
    return apply(FALSE, FALSE, TRUE, ALL_PARTS);
}

/*
 * regsvr32 /i:<options> calls DllInstall(TRUE, options) after DllRegisterServer
 * (or alone, with /n); /u /i: calls DllInstall(FALSE, options).  Options: "dropin",
 * "dropin,force", "user" (HKCU instead of HKLM), combinable.
 */
HRESULT WINAPI DllInstall(BOOL install, const WCHAR *command_line)
{
    struct tcc_install_options options;
    char line[256], error[160];

    line[0] = 0;
    if (command_line && !WideCharToMultiByte(CP_UTF8, 0, command_line, -1, line, sizeof(line), NULL, NULL))
        return tcc__error(E_INVALIDARG, &IID_NULL, L"tapi3cc: the /i: option line is too long.");
    if (tcc_parse_install_options(line, &options, error, sizeof(error)))
    {
        WCHAR message[160];

        widen(error, message, ARRAYSIZE(message));
        return tcc__error(E_INVALIDARG, &IID_NULL, L"%ls", message);
    }

    if (!install)
        return apply(options.user, FALSE, TRUE, ALL_PARTS);
    return apply(options.user, options.force, FALSE,
                 TCC_REG_PART_BASE | (options.dropin ? TCC_REG_PART_DROPIN : 0));
}
