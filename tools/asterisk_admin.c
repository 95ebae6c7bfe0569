/*
 * tcc_asterisk_admin: the agents and addresses of the asterisk provider, kept in
 * Asterisk's database (AstDB) over AMI, so that every desktop sees the same.  Built
 * natively and for Windows from this one source.
 *
 *   tcc_asterisk_admin [host=H] [port=P] user=U secretfile=F COMMAND ...
 *     agent-add ID              asks for the PIN twice without echo (or reads one
 *                               line from standard input when it is no terminal),
 *                               stores pbkdf2-sha256$ITERATIONS$SALT$HASH under
 *                               tapi3cc/agents/ID; the PIN itself goes nowhere
 *     agent-list                the agent IDs
 *     agent-remove ID
 *     address-add DIALABLE INTERFACE   e.g. 2001 PJSIP/2001, or 2001 Local/2001@agents
 *     address-list              DIALABLE INTERFACE, a line each
 *     address-remove DIALABLE
 *     test-call QUEUE [SECONDS]  a caller into QUEUE, for demos and tests: Originate of
 *                               Local/s@caller (the tests' dialplan: tests/asterisk/conf)
 *                               that hangs up after SECONDS (default 30) unless the
 *                               call ends first; needs write=originate
 *
 * The manager user needs write=system (DBGet, DBGetTree, DBPut, DBDel).  Exit status:
 * 0 done, 1 refused or failed (with a sentence on stderr), 2 bad usage.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#ifdef _WIN32
#include <windows.h>
#else
#include <termios.h>
#include <unistd.h>
#endif

#include "ami_client.h"
#include "ami_crypto.h"

#define ITERATIONS 100000
#define TIMEOUT_MS 10000

static int usage(void)
{
    fprintf(stderr, "usage: tcc_asterisk_admin [host=H] [port=P] user=U secretfile=F COMMAND\n"
                    "  agent-add ID | agent-list | agent-remove ID\n"
                    "  address-add DIALABLE INTERFACE | address-list | address-remove DIALABLE\n"
                    "  test-call QUEUE [SECONDS]\n");
    return 2;
}

/* Echo off (or back on) for the terminal, where there is one. */
static int set_echo(int on)
{
#ifdef _WIN32
    HANDLE input = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode;

    if (!GetConsoleMode(input, &mode))
        return -1;
    return SetConsoleMode(input, on ? mode | ENABLE_ECHO_INPUT : mode & ~ENABLE_ECHO_INPUT) ? 0 : -1;
#else
    struct termios settings;

    if (!isatty(STDIN_FILENO) || tcgetattr(STDIN_FILENO, &settings))
        return -1;
    if (on)
        settings.c_lflag |= ECHO;
    else
        settings.c_lflag &= ~(tcflag_t)ECHO;
    return tcsetattr(STDIN_FILENO, TCSANOW, &settings);
#endif
}

static int read_line(char *out, size_t size)
{
    if (!fgets(out, (int)size, stdin))
        return -1;
    out[strcspn(out, "\r\n")] = 0;
    return 0;
}

/* The PIN: twice, unseen, at a terminal; one line otherwise. */
static int read_pin(char *pin, size_t size)
{
    char again[256];
    int terminal = !set_echo(0);

    if (terminal)
        fprintf(stderr, "PIN: ");
    if (read_line(pin, size))
    {
        if (terminal)
            set_echo(1);
        return -1;
    }
    if (terminal)
    {
        fprintf(stderr, "\nPIN again: ");
        if (read_line(again, sizeof(again)) || strcmp(pin, again))
        {
            set_echo(1);
            fprintf(stderr, "\n");
            memset(again, 0, sizeof(again));
            return fprintf(stderr, "tcc_asterisk_admin: the two PINs differ\n"), -1;
        }
        memset(again, 0, sizeof(again));
        set_echo(1);
        fprintf(stderr, "\n");
    }
    if (!pin[0])
        fprintf(stderr, "tcc_asterisk_admin: an empty PIN: the agent logs in with no PIN\n");
    return 0;
}

static int request(struct ami_client *client, const char *action, const char *fields,
                   void (*item)(void *, const struct ami_message *), void *context)
{
    char message[256];
    enum ami_result result = ami_client_request(client, action, fields, item, context, message, sizeof(message),
                                                TIMEOUT_MS);

    if (result == AMI_OK)
        return 0;
    fprintf(stderr, "tcc_asterisk_admin: %s: %s\n", action, result == AMI_ERROR ? message
                    : result == AMI_TIMEOUT ? "no answer" : "not connected");
    return -1;
}

/* DBGetTree's items: "Key: /tapi3cc/agents/1001", "Val: ..." */
static void print_entry(void *context, const struct ami_message *message)
{
    const char *key = ami_get(message, "Key"), *value = ami_get(message, "Val"), *last;
    int with_value = *(const int *)context;

    if (!key || !(last = strrchr(key, '/')))
        return;
    if (with_value)
        printf("%s %s\n", last + 1, value ? value : "");
    else
        printf("%s\n", last + 1);
}

static int agent_add(struct ami_client *client, const char *id)
{
    uint8_t salt[16], hash[32];
    char pin[256], fields[512];
    int length, result;

    if (read_pin(pin, sizeof(pin)))
        return -1;
    result = ami_random(salt, sizeof(salt)) ||
             ami_pbkdf2_sha256(pin, strlen(pin), salt, sizeof(salt), ITERATIONS, hash, sizeof(hash));
    memset(pin, 0, sizeof(pin));
    if (result)
        return fprintf(stderr, "tcc_asterisk_admin: the platform's crypto failed\n"), -1;
    length = snprintf(fields, sizeof(fields), "Family: tapi3cc/agents\r\nKey: %s\r\nVal: pbkdf2-sha256$%d$", id,
                      ITERATIONS);
    for (size_t i = 0; i < sizeof(salt); i++)
        length += snprintf(fields + length, sizeof(fields) - (size_t)length, "%02x", salt[i]);
    fields[length++] = '$';
    for (size_t i = 0; i < sizeof(hash); i++)
        length += snprintf(fields + length, sizeof(fields) - (size_t)length, "%02x", hash[i]);
    snprintf(fields + length, sizeof(fields) - (size_t)length, "\r\n");
    return request(client, "DBPut", fields, NULL, NULL);
}

/* An AstDB key part: no line break, space or '/'; a value: no line break or space. */
static int valid_word(const char *text)
{
    return text && *text && !strpbrk(text, "\r\n/ ");
}

static int valid_value(const char *text)
{
    return text && *text && !strpbrk(text, "\r\n ");
}

int main(int argc, char **argv)
{
    struct ami_client_settings settings = { "127.0.0.1", 5038, NULL, NULL, "off", NULL, 0, TIMEOUT_MS };
    struct ami_client_callbacks callbacks = { 0 };
    struct ami_client *client;
    char secret[256] = "", error[512], fields[512];
    const char *secret_file = NULL, *command = NULL;
    int index, status, with_value;
    FILE *file;

    for (index = 1; index < argc && strchr(argv[index], '='); index++)
    {
        if (!strncmp(argv[index], "host=", 5))
            settings.host = argv[index] + 5;
        else if (!strncmp(argv[index], "port=", 5))
            settings.port = (uint16_t)atoi(argv[index] + 5);
        else if (!strncmp(argv[index], "user=", 5))
            settings.user = argv[index] + 5;
        else if (!strncmp(argv[index], "secretfile=", 11))
            secret_file = argv[index] + 11;
        else
            return usage();
    }
    if (index >= argc || !settings.user || !secret_file)
        return usage();
    command = argv[index++];
    if (!(file = fopen(secret_file, "r")) || !fgets(secret, sizeof(secret), file))
    {
        fprintf(stderr, "tcc_asterisk_admin: cannot read the secret file %s\n", secret_file);
        return 1;
    }
    fclose(file);
    secret[strcspn(secret, "\r\n")] = 0;
    settings.secret = secret;
    if (ami_client_start(&settings, &callbacks, &client, error, sizeof(error)))
    {
        memset(secret, 0, sizeof(secret));
        fprintf(stderr, "tcc_asterisk_admin: %s\n", error);
        return 1;
    }
    memset(secret, 0, sizeof(secret));

    if (!strcmp(command, "agent-add") && index + 1 == argc && valid_word(argv[index]))
        status = agent_add(client, argv[index]);
    else if (!strcmp(command, "agent-remove") && index + 1 == argc && valid_word(argv[index]))
    {
        snprintf(fields, sizeof(fields), "Family: tapi3cc/agents\r\nKey: %s\r\n", argv[index]);
        status = request(client, "DBDel", fields, NULL, NULL);
    }
    else if (!strcmp(command, "address-add") && index + 2 == argc && valid_word(argv[index]) &&
             valid_value(argv[index + 1]))
    {
        snprintf(fields, sizeof(fields), "Family: tapi3cc/addresses\r\nKey: %s\r\nVal: %s\r\n", argv[index],
                 argv[index + 1]);
        status = request(client, "DBPut", fields, NULL, NULL);
    }
    else if (!strcmp(command, "address-remove") && index + 1 == argc && valid_word(argv[index]))
    {
        snprintf(fields, sizeof(fields), "Family: tapi3cc/addresses\r\nKey: %s\r\n", argv[index]);
        status = request(client, "DBDel", fields, NULL, NULL);
    }
    else if (!strcmp(command, "test-call") && (index + 1 == argc || index + 2 == argc) && valid_word(argv[index]))
    {
        snprintf(fields, sizeof(fields), "Channel: Local/s@caller\r\nApplication: Wait\r\nData: %d\r\n"
                 "Variable: QUEUE=%s\r\nAsync: true\r\n", index + 2 == argc ? atoi(argv[index + 1]) : 30, argv[index]);
        status = request(client, "Originate", fields, NULL, NULL);
    }
    else if ((!strcmp(command, "agent-list") || !strcmp(command, "address-list")) && index == argc)
    {
        with_value = !strcmp(command, "address-list");
        status = request(client, "DBGetTree", with_value ? "Family: tapi3cc/addresses\r\n"
                                                         : "Family: tapi3cc/agents\r\n", print_entry, &with_value);
    }
    else
    {
        ami_client_stop(client);
        return usage();
    }
    ami_client_stop(client);
    return status ? 1 : 0;
}
