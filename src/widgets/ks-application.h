/* ks-application.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define KS_TYPE_APPLICATION (ks_application_get_type ())

G_DECLARE_FINAL_TYPE (KsApplication, ks_application, KS, APPLICATION, AdwApplication)

KsApplication *ks_application_new           (void);
const char    *ks_application_get_database_path (KsApplication *self);
void           ks_application_set_database_path (KsApplication *self,
                                                 const char    *path);
GSettings     *ks_application_get_settings  (KsApplication *self);

G_END_DECLS
