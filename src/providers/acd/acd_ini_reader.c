/*
 * acd_ini.h for the MinGW build: a line tokenizer that follows inih's documented
 * rules with Debian's default settings, so that a configuration file means the same
 * in the DLL as in the native tools:
 *   - a UTF-8 byte-order mark before the first line is skipped;
 *   - blank lines and lines starting with ';' or '#' are comments;
 *   - "[name]" starts a section (names are kept to 49 bytes, as inih does);
 *   - "name = value" or "name: value", both trimmed; ';' after white space starts
 *     an inline comment;
 *   - an indented line continues the previous value (the handler sees it again);
 *   - anything else, or a handler that returns 0, makes the line an error; parsing
 *     goes on and the first such line number is returned.
 */
#include "acd_ini.h"

#include <ctype.h>
#include <string.h>

#define MAX_SECTION 50
#define MAX_NAME 50

static char *skip_space(char *text)
{
    while (*text && isspace((unsigned char)*text))
        text++;
    return text;
}

static char *trim_end(char *text)
{
    char *end = text + strlen(text);

    while (end > text && isspace((unsigned char)end[-1]))
        *--end = 0;
    return text;
}

/* The first of `stops` in `text`, or the start of an inline comment (';' after
 * white space), or the end of the text. */
static char *find_stop(char *text, const char *stops)
{
    int after_space = 0;

    while (*text && (!stops || !strchr(stops, *text)) && !(after_space && *text == ';'))
    {
        after_space = isspace((unsigned char)*text);
        text++;
    }
    return text;
}

/* Cuts what does not fit (a name longer than the reader keeps). */
static void copy_bounded(char *to, const char *from, size_t size)
{
    size_t length = strnlen(from, size - 1);

    memcpy(to, from, length);
    to[length] = 0;
}

int acd_ini_parse(acd_ini_reader reader, void *stream, acd_ini_handler handler, void *user)
{
    char line[ACD_INI_MAX_LINE];
    char section[MAX_SECTION] = "";
    char previous_name[MAX_NAME] = "";
    int line_number = 0;
    int error = 0;

    while (reader(line, sizeof(line), stream))
    {
        char *start = line;
        char *end;

        line_number++;
        if (line_number == 1 && !strncmp(start, "\xEF\xBB\xBF", 3))
            start += 3;
        start = skip_space(trim_end(start));

        if (!*start || *start == ';' || *start == '#')
            continue;
        if (*previous_name && start > line)
        {
            /* A continuation line: the previous name gets another value. */
            end = find_stop(start, NULL);
            *end = 0;
            trim_end(start);
            if (!handler(user, section, previous_name, start) && !error)
                error = line_number;
        }
        else if (*start == '[')
        {
            end = find_stop(start + 1, "]");
            if (*end == ']')
            {
                *end = 0;
                copy_bounded(section, start + 1, sizeof(section));
                previous_name[0] = 0;
            }
            else if (!error)
                error = line_number;
        }
        else
        {
            char *name, *value;

            end = find_stop(start, "=:");
            if (*end != '=' && *end != ':')
            {
                if (!error)
                    error = line_number;
                continue;
            }
            *end = 0;
            name = trim_end(start);
            value = end + 1;
            end = find_stop(value, NULL);
            *end = 0;
            value = trim_end(skip_space(value));
            copy_bounded(previous_name, name, sizeof(previous_name));
            if (!handler(user, section, name, value) && !error)
                error = line_number;
        }
    }
    return error;
}
