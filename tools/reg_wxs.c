/*
 * tcc_reg_wxs win64|win32 FILE_ID DIR_ID: the registration plan regsvr32 follows
 * (src/reg/reg_plan.h, the base part: class, ProgIDs, type library) as Windows
 * Installer registry rows, WiX <RegistryValue> elements for wixl, so that an MSI
 * writes what `regsvr32 tapi3cc.dll` writes and Windows Installer itself repairs,
 * rolls back and removes it.  FILE_ID is the WiX File Id of tapi3cc.dll ([#FILE_ID]
 * is its installed path), DIR_ID the Id of its folder.
 *
 * Left out, on purpose: the HKCR\Interface keys, which regsvr32 writes only where
 * absent (Windows' own tapi3.dll registers the same IIDs) and removes only while they
 * still name our type library; an MSI can express neither condition, and removing
 * them would break Windows' registration.  Our objects aggregate the free-threaded
 * marshaler, so no call of theirs needs those keys.
 */
#include <stdio.h>
#include <string.h>

#include "reg_plan.h"

/* Text as an XML attribute value; `formatted` also escapes Windows Installer's
 * property brackets (the Registry table's Value column is Formatted, its Key column
 * is not). */
static void xml(const char *text, int formatted)
{
    for (; *text; text++)
        switch (*text)
        {
        case '&': fputs("&amp;", stdout); break;
        case '<': fputs("&lt;", stdout); break;
        case '>': fputs("&gt;", stdout); break;
        case '"': fputs("&quot;", stdout); break;
        case '[': fputs(formatted ? "[\\[]" : "[", stdout); break;
        case ']': fputs(formatted ? "[\\]]" : "]", stdout); break;
        default: fputc(*text, stdout);
        }
}

static void attribute(const char *text)
{
    xml(text, 1);
}

static void key(const char *text)
{
    xml(text, 0);
}

int main(int argc, char **argv)
{
    static struct tcc_reg_plan plan;

    if (argc != 4 || (strcmp(argv[1], "win64") && strcmp(argv[1], "win32")))
    {
        fprintf(stderr, "usage: tcc_reg_wxs win64|win32 FILE_ID DIR_ID\n");
        return 2;
    }
    tcc_reg_plan_build(&plan, TCC_REG_PART_BASE, !strcmp(argv[1], "win64"));
    for (size_t u = 0; u < plan.unit_count; u++)
    {
        const struct tcc_reg_unit *unit = &plan.units[u];

        if (unit->ownership == TCC_REG_INTERFACE)
            continue;
        for (size_t v = 0; v < unit->value_count; v++)
        {
            const struct tcc_reg_value *value = &unit->values[v];

            /* A key with no value (CLSID\{...}\Programmable): the Registry table's
             * special name "*" with no value makes it on install and takes it away on
             * uninstall. */
            if (value->data == TCC_REG_TEXT && !value->text)
            {
                fputs("<RegistryValue Root=\"HKLM\" Key=\"Software\\Classes\\", stdout);
                key(unit->root);
                fputc('\\', stdout);
                key(value->subkey);
                fputs("\" Name=\"*\" Type=\"string\" Value=\"\"/>\n", stdout);
                continue;
            }
            fputs("<RegistryValue Root=\"HKLM\" Key=\"Software\\Classes\\", stdout);
            key(unit->root);
            if (value->subkey && *value->subkey)
            {
                fputc('\\', stdout);
                key(value->subkey);
            }
            fputc('"', stdout);
            if (value->name)
            {
                fputs(" Name=\"", stdout);
                attribute(value->name);
                fputc('"', stdout);
            }
            fputs(" Type=\"string\" Value=\"", stdout);
            switch (value->data)
            {
            case TCC_REG_TEXT: attribute(value->text); break;
            case TCC_REG_MODULE_PATH: printf("[#%s]", argv[2]); break;
            case TCC_REG_MODULE_DIR: printf("[%s]", argv[3]); break;
            }
            fputs("\"/>\n", stdout);
        }
    }
    return 0;
}
