/*
 * DllInstall's command line: the words after regsvr32's /i:.
 */
#include "reg_plan.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

static bool word_is(const char *word, size_t length, const char *name)
{
    size_t i;

    if (length != strlen(name))
        return false;
    for (i = 0; i < length; i++)
        if (tolower((unsigned char)word[i]) != name[i])
            return false;
    return true;
}

int tcc_parse_install_options(const char *line, struct tcc_install_options *options,
                              char *error, size_t error_size)
{
    const char *p = line ? line : "";

    memset(options, 0, sizeof(*options));
    if (error_size)
        error[0] = 0;

    while (*p)
    {
        const char *word;
        size_t length;

        while (*p == ',' || isspace((unsigned char)*p))
            p++;
        word = p;
        while (*p && *p != ',' && !isspace((unsigned char)*p))
            p++;
        length = (size_t)(p - word);
        if (!length)
            continue;

        if (word_is(word, length, "dropin"))
            options->dropin = true;
        else if (word_is(word, length, "force"))
            options->force = true;
        else if (word_is(word, length, "user"))
            options->user = true;
        else
        {
            if (error_size)
                snprintf(error, error_size,
                         "tapi3cc: unknown install option '%.*s' (known: dropin, force, user)",
                         (int)(length > 64 ? 64 : length), word);
            return -1;
        }
    }

    /* Only the drop-in classes can belong to another DLL, so "force" alone is a
     * mistake worth saying rather than ignoring. */
    if (options->force && !options->dropin)
    {
        if (error_size)
            snprintf(error, error_size, "tapi3cc: install option 'force' needs 'dropin' (/i:dropin,force)");
        return -1;
    }
    return 0;
}
