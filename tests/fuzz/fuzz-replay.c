/* fuzz-replay.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

/* Runs a fuzz harness over every file of the given folders, in the normal
 * build: the seed corpus and every input that once crashed stay tested
 * without clang or libFuzzer. */

#include "config.h"

#include <glib.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static guint
replay_folder (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;
  guint n_files = 0;

  /* A harness without regressions yet has no folder. */
  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);
      g_autofree char *data = NULL;
      gsize len = 0;

      if (!g_file_test (file, G_FILE_TEST_IS_REGULAR) || g_str_has_suffix (name, ".md"))
        continue;
      if (!g_file_get_contents (file, &data, &len, NULL))
        g_error ("Cannot read %s", file);
      g_print ("%s\n", file);
      LLVMFuzzerTestOneInput ((const uint8_t *) data, len);
      n_files++;
    }

  return n_files;
}

int
main (int   argc,
      char *argv[])
{
  guint n_files = 0;

  for (int i = 1; i < argc; i++)
    n_files += replay_folder (argv[i]);

  g_print ("%u inputs replayed\n", n_files);
  return n_files > 0 ? 0 : 1;
}
