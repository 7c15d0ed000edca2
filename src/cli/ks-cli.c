/* ks-cli.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-cli.h"

static const GOptionEntry option_entries[] = {
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Show the program version and exit"), NULL },
  { "database", 'd', 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Use the register in FILE instead of the default one"), N_("FILE") },
  { NULL }
};

/* Options that do their work and exit instead of opening the window. */
static const char *headless_options[] = {
  NULL
};

const GOptionEntry *
ks_cli_get_option_entries (void)
{
  return option_entries;
}

gboolean
ks_cli_is_headless (GVariantDict *options)
{
  for (guint i = 0; headless_options[i] != NULL; i++)
    if (g_variant_dict_contains (options, headless_options[i]))
      return TRUE;

  return FALSE;
}

/**
 * ks_cli_run:
 * @options: the parsed command line
 * @database_path: the register to work on
 *
 * Runs the headless commands given, in the order a script would expect
 * (load, import, check, export), stopping at the first failure.
 *
 * Returns: the process exit status
 */
int
ks_cli_run (GVariantDict *options,
            const char   *database_path)
{
  return EXIT_SUCCESS;
}
