/* ks-person-row.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-agreement.h"

G_BEGIN_DECLS

#define KS_TYPE_PERSON_ROW (ks_person_row_get_type ())

G_DECLARE_FINAL_TYPE (KsPersonRow, ks_person_row, KS, PERSON_ROW, AdwExpanderRow)

GtkWidget *ks_person_row_new        (KsPerson    *person,
                                     const char  *name);
KsPerson  *ks_person_row_get_person (KsPersonRow *self);
gboolean   ks_person_row_get_valid  (KsPersonRow *self);

G_END_DECLS
