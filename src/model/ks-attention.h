/* ks-attention.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "ks-agreement-list.h"

G_BEGIN_DECLS

/**
 * KsAttentionAction:
 * @KS_ATTENTION_ACTION_NONE: nothing to do
 * @KS_ATTENTION_ACTION_ADD_FOLLOW_UP: add a follow-up event to the timeline
 * @KS_ATTENTION_ACTION_RECORD_REPORT: record the date it was reported
 * @KS_ATTENTION_ACTION_RENEW: renew the agreement before it ends
 *
 * What to do next about an agreement in a smart view.
 */
typedef enum
{
  KS_ATTENTION_ACTION_NONE,
  KS_ATTENTION_ACTION_ADD_FOLLOW_UP,
  KS_ATTENTION_ACTION_RECORD_REPORT,
  KS_ATTENTION_ACTION_RENEW,
} KsAttentionAction;

#define KS_TYPE_ATTENTION_ACTION (ks_attention_action_get_type ())
GType ks_attention_action_get_type (void);

const char *ks_attention_action_get_label (KsAttentionAction   action);
KsAttentionAction ks_attention_action_for_view (KsSmartView  view);

char       *ks_attention_explain          (KsAgreementList    *list,
                                           KsAgreementSummary *summary,
                                           KsSmartView         view,
                                           KsAttentionAction  *action);
char       *ks_attention_describe         (KsDatabase         *db,
                                           KsAgreementSummary *summary,
                                           KsSmartView         view,
                                           const GDate        *today);

G_END_DECLS
