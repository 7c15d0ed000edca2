/* ks-procedure-step.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

#define KS_TYPE_PROCEDURE_STEP (ks_procedure_step_get_type ())

G_DECLARE_FINAL_TYPE (KsProcedureStep, ks_procedure_step, KS, PROCEDURE_STEP, GObject)

/*
 * One step of the procedure checklist (reference data a user may edit).
 * Construct-only properties: "uuid", "key" ("dprd_approval", or
 * "custom_1" for a step a user added), "label" (the user's label, or the
 * translated built-in label of the key), "required", "sort-order".
 */
const char *ks_procedure_step_get_uuid        (KsProcedureStep *self);
const char *ks_procedure_step_get_key         (KsProcedureStep *self);
const char *ks_procedure_step_get_label       (KsProcedureStep *self);
gboolean    ks_procedure_step_get_required    (KsProcedureStep *self);
int         ks_procedure_step_get_sort_order  (KsProcedureStep *self);

G_END_DECLS
