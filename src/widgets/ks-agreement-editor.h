/* ks-agreement-editor.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "ks-database.h"

G_BEGIN_DECLS

#define KS_TYPE_AGREEMENT_EDITOR (ks_agreement_editor_get_type ())

G_DECLARE_FINAL_TYPE (KsAgreementEditor, ks_agreement_editor, KS, AGREEMENT_EDITOR, AdwWindow)

KsAgreementEditor *ks_agreement_editor_new            (GtkWindow          *parent,
                                                       KsDatabase         *db,
                                                       GSettings          *settings,
                                                       const char         *uuid,
                                                       GError            **error);
void               ks_agreement_editor_set_region     (KsAgreementEditor  *self,
                                                       const char         *region_code);
const char        *ks_agreement_editor_get_uuid       (KsAgreementEditor  *self);
gboolean           ks_agreement_editor_get_modified   (KsAgreementEditor  *self);
GtkWidget         *ks_agreement_editor_get_view_stack (KsAgreementEditor  *self);

void               ks_agreement_editor_show_page      (KsAgreementEditor  *self,
                                                       const char         *name);

G_END_DECLS
