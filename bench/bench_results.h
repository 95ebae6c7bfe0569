/*
 * What every benchmark program records: a figure beside the baseline measured in
 * the same run, printed as a table line and written to a JSON file that tools can
 * read (names are escaped: one holds quotes, GetIDsOfNames("TotalTalkTime")).
 * Header-only: bench_engine and bench_ami are native, bench_com is a Windows program.
 */
#ifndef TAPI3CC_BENCH_RESULTS_H
#define TAPI3CC_BENCH_RESULTS_H

#include <math.h>
#include <stdio.h>

#define BENCH_MAX_RESULTS 32

struct bench_result
{
    const char *name;
    double value;
    const char *unit;
    const char *baseline;
    double baseline_value;
};

#ifndef _WIN32
#include <time.h>

/* Monotonic seconds, for the native programs (bench_com reads QueryPerformanceCounter). */
static double bench_seconds(void)
{
    struct timespec now;

    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}
#endif

static struct bench_result bench_results[BENCH_MAX_RESULTS];
static int bench_result_count;

static double bench_ratio(double value, double baseline_value)
{
    return baseline_value ? value / baseline_value : 0.0;
}

static void bench_record(const char *name, double value, const char *unit, const char *baseline,
                         double baseline_value)
{
    if (bench_result_count < BENCH_MAX_RESULTS)
        bench_results[bench_result_count++] = (struct bench_result){ name, value, unit, baseline, baseline_value };
    printf("  %-62s %12.1f %-9s (baseline %.1f: ratio %.2f)\n", name, value, unit, baseline_value,
           bench_ratio(value, baseline_value));
    fflush(stdout);
}

/* A JSON string: quotes, backslashes and control characters escaped. */
static void bench_json_string(FILE *file, const char *text)
{
    fputc('"', file);
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
    {
        if (*c == '"' || *c == '\\')
            fprintf(file, "\\%c", *c);
        else if (*c < 0x20)
            fprintf(file, "\\u%04x", *c);
        else
            fputc(*c, file);
    }
    fputc('"', file);
}

/* A number, or null where JSON has none (a rate over no time, a ratio to 0). */
static void bench_json_number(FILE *file, double value)
{
    if (isfinite(value))
        fprintf(file, "%.3f", value);
    else
        fputs("null", file);
}

/* {"quick": …, <extra>, "results": [{"name", "value", "unit", "baseline",
 * "baseline_value", "ratio"}, …]}; `extra` is preformatted members (or NULL).
 * Returns 0, or -1 if the file could not be written. */
static int bench_write_json(const char *path, int quick, const char *extra)
{
    FILE *file = fopen(path, "w");

    if (!file)
        return -1;
    fprintf(file, "{\n  \"quick\": %s,\n", quick ? "true" : "false");
    if (extra)
        fprintf(file, "  %s,\n", extra);
    fputs("  \"results\": [\n", file);
    for (int i = 0; i < bench_result_count; i++)
    {
        const struct bench_result *result = &bench_results[i];

        fputs("    {\"name\": ", file);
        bench_json_string(file, result->name);
        fputs(", \"value\": ", file);
        bench_json_number(file, result->value);
        fputs(", \"unit\": ", file);
        bench_json_string(file, result->unit);
        fputs(", \"baseline\": ", file);
        bench_json_string(file, result->baseline);
        fputs(", \"baseline_value\": ", file);
        bench_json_number(file, result->baseline_value);
        fputs(", \"ratio\": ", file);
        bench_json_number(file, bench_ratio(result->value, result->baseline_value));
        fprintf(file, "}%s\n", i + 1 < bench_result_count ? "," : "");
    }
    fputs("  ]\n}\n", file);
    return fclose(file) ? -1 : 0;
}

#endif
