/* ks-procedure-steps-row.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-procedure-step.h"

G_BEGIN_DECLS

#define KS_TYPE_PROCEDURE_STEPS_ROW (ks_procedure_steps_row_get_type ())

G_DECLARE_FINAL_TYPE (KsProcedureStepsRow, ks_procedure_steps_row, KS, PROCEDURE_STEPS_ROW, AdwExpanderRow)

KsProcedureStepsRow *ks_procedure_steps_row_new              (KsProcedureStep     *step);
KsProcedureStep     *ks_procedure_steps_row_get_step         (KsProcedureStepsRow *self);
void                 ks_procedure_steps_row_set_step         (KsProcedureStepsRow *self,
                                                              KsProcedureStep     *step);
void                 ks_procedure_steps_row_set_position     (KsProcedureStepsRow *self,
                                                              gboolean             first,
                                                              gboolean             last);
void                 ks_procedure_steps_row_set_label_error  (KsProcedureStepsRow *self,
                                                              gboolean             error);
void                 ks_procedure_steps_row_grab_move_focus  (KsProcedureStepsRow *self);

G_END_DECLS
