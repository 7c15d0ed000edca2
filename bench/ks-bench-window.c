/* ks-bench-window.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <adwaita.h>
#include <stdio.h>
#include <unistd.h>
#ifdef G_OS_UNIX
#include <sys/resource.h>
#endif

#include "ks-application.h"

/* Runs the real application on the register given and, at the window's
 * first painted frame, prints the monotonic time in ms and the peak RSS
 * in KiB for ks-bench, then leaves at once: the benchmark measures the
 * way to the first frame, not the teardown.  The window needs no hook of
 * its own for this.
 *
 * With --bare instead of a register, the baseline: an Adwaita
 * application whose window holds one label, the part of the way that is
 * GTK's own (loading the libraries, connecting to the display, the
 * theme, the renderer). */

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       data)
{
  long rss = 0;
#ifdef G_OS_UNIX
  struct rusage usage;

  if (getrusage (RUSAGE_SELF, &usage) == 0)
    rss = usage.ru_maxrss;
#endif

  printf ("%.3f %ld\n", g_get_monotonic_time () / 1000.0, rss);
  fflush (stdout);
  _exit (0);
}

static void
window_realize_cb (GtkWidget *window,
                   gpointer   data)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), NULL);
}

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        data)
{
  g_signal_connect_after (window, "realize", G_CALLBACK (window_realize_cb), NULL);
}

static void
bare_activate_cb (GtkApplication *app,
                  gpointer        data)
{
  GtkWidget *window = adw_application_window_new (app);

  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window),
                                      gtk_label_new ("Kerjasama"));
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 720);
  gtk_window_present (GTK_WINDOW (window));
}

static int
run_bare (const char *program)
{
  g_autoptr(AdwApplication) app = adw_application_new ("id.go.kerjasama.Bench",
                                                       G_APPLICATION_NON_UNIQUE);
  char *app_argv[] = { (char *) program, NULL };

  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (app, "activate", G_CALLBACK (bare_activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, app_argv);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(KsApplication) app = NULL;
  char *app_argv[] = { argv[0], (char *) "--database", argv[argc - 1], NULL };

  if (argc != 2)
    {
      fprintf (stderr, "usage: ks-bench-window REGISTER.db|--bare\n");
      return 2;
    }
  if (g_str_equal (argv[1], "--bare"))
    return run_bare (argv[0]);

  app = ks_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "window-added", G_CALLBACK (window_added_cb), NULL);

  return g_application_run (G_APPLICATION (app), 3, app_argv);
}
