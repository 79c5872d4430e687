/*
 * fuzz/fuzz_method.c - libFuzzer target for the JSON method-spec parser.
 *
 * The input bytes are copied into a NUL-terminated buffer (the parser takes
 * a C string) and handed to govidx_method_from_json.  A spec that parses is
 * also written back to canonical JSON and re-parsed, which exercises the
 * writer on every shape the parser accepts.
 *
 * SPDX-License-Identifier: MIT
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "govidx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    govidx_method *m = NULL, *again = NULL;
    char *json = NULL;

    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (govidx_method_from_json(&m, text) == GOVIDX_OK) {
        if (govidx_method_to_json(&json, m) == GOVIDX_OK) {
            (void)govidx_method_from_json(&again, json);
            govidx_free(json);
        }
        govidx_method_free(again);
        govidx_method_free(m);
    }
    free(text);
    return 0;
}
