/* ks-attention.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-attention"

#include "config.h"

#include <glib/gi18n.h>

#include "ks-attention.h"
#include "ks-partial-date.h"
#include "ks-procedure-progress.h"

/*
 * Why an agreement is in a smart view, in a sentence the cooperation
 * section can act on.  Membership itself is decided by the list
 * (ks_agreement_list_in_smart_view()), so the sentence never disagrees
 * with the sidebar's counts.
 */

G_DEFINE_ENUM_TYPE (KsAttentionAction, ks_attention_action,
  G_DEFINE_ENUM_VALUE (KS_ATTENTION_ACTION_NONE, "none"),
  G_DEFINE_ENUM_VALUE (KS_ATTENTION_ACTION_ADD_FOLLOW_UP, "add-follow-up"),
  G_DEFINE_ENUM_VALUE (KS_ATTENTION_ACTION_RECORD_REPORT, "record-report"),
  G_DEFINE_ENUM_VALUE (KS_ATTENTION_ACTION_RENEW, "renew"))

typedef enum
{
  SINCE_NOTHING,
  SINCE_EVENT,
  SINCE_SIGNING,
  SINCE_START,
} SinceWhat;

/* Whether @iso's last day is after @best's; @iso becomes the best. */
static gboolean
take_if_later (const char *iso,
               GDate      *best)
{
  GDate last;

  if (!ks_partial_date_last_day (iso, &last))
    return FALSE;
  if (g_date_valid (best) && g_date_compare (&last, best) <= 0)
    return FALSE;

  *best = last;
  return TRUE;
}

/* The date the "needs follow-up" rule measures from (the list's
 * activity_day): the newest of signing, last event and start; signing
 * wins a tie, since "since the LoI of …" says more than "since the last
 * event". */
static SinceWhat
find_last_activity (KsAgreementSummary  *summary,
                    const char         **iso)
{
  GDate best;
  SinceWhat what = SINCE_NOTHING;

  g_date_clear (&best, 1);
  if (take_if_later (ks_agreement_summary_get_signed_on (summary), &best))
    {
      what = SINCE_SIGNING;
      *iso = ks_agreement_summary_get_signed_on (summary);
    }
  if (take_if_later (ks_agreement_summary_get_last_event_on (summary), &best))
    {
      what = SINCE_EVENT;
      *iso = ks_agreement_summary_get_last_event_on (summary);
    }
  if (take_if_later (ks_agreement_summary_get_starts_on (summary), &best))
    {
      what = SINCE_START;
      *iso = ks_agreement_summary_get_starts_on (summary);
    }

  return what;
}

static char *
since_signing (const char *document,
               const char *date,
               int         months)
{
  if (g_str_equal (document, "loi"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No follow-up since the LoI of %s — %d month",
                                         "No follow-up since the LoI of %s — %d months", months),
                            date, months);
  if (g_str_equal (document, "mou"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No follow-up since the MoU of %s — %d month",
                                         "No follow-up since the MoU of %s — %d months", months),
                            date, months);
  if (g_str_equal (document, "pks"))
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No follow-up since the PKS of %s — %d month",
                                         "No follow-up since the PKS of %s — %d months", months),
                            date, months);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No follow-up since the signing on %s — %d month",
                                       "No follow-up since the signing on %s — %d months", months),
                          date, months);
}

static char *
describe_follow_up (KsAgreementSummary *summary,
                    const GDate        *today)
{
  const char *iso = NULL;
  SinceWhat what = find_last_activity (summary, &iso);
  g_autofree char *date = NULL;
  int months;

  if (what == SINCE_NOTHING)
    return g_strdup (_("No follow-up recorded, and no date shows it started"));

  date = ks_partial_date_format (iso);
  months = MAX (ks_partial_date_months_since (iso, today), 0);
  switch (what)
    {
    case SINCE_SIGNING:
      return since_signing (ks_agreement_summary_get_document (summary), date, months);
    case SINCE_EVENT:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No follow-up since the last event on %s — %d month",
                                           "No follow-up since the last event on %s — %d months", months),
                              date, months);
    case SINCE_START:
      return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "No follow-up since the start on %s — %d month",
                                           "No follow-up since the start on %s — %d months", months),
                              date, months);
    case SINCE_NOTHING:
    default:
      g_assert_not_reached ();
    }
}

static char *
describe_expiry (KsAgreementSummary *summary,
                 const GDate        *today)
{
  const char *ends_on = ks_agreement_summary_get_ends_on (summary);
  g_autofree char *date = ks_partial_date_format (ends_on);
  int months = ks_partial_date_months_since (ends_on, today);
  GDate last;
  int days;

  if (months != G_MININT && months < 0)
    return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ends %s — in %d month",
                                         "Ends %s — in %d months", -months),
                            date, -months);

  if (!ks_partial_date_last_day (ends_on, &last))
    return g_strdup_printf (_("Ends %s"), date);

  days = g_date_days_between (today, &last);
  if (days <= 0)
    return g_strdup_printf (_("Ends %s — today"), date);

  return g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Ends %s — in %d day",
                                       "Ends %s — in %d days", days),
                          date, days);
}

/* The implementing local parties, "A, B", or NULL when there are none. */
static char *
implementing_parties (KsDatabase *db,
                      gint64      agreement_id)
{
  g_autoptr(KsStatement) stmt = NULL;
  g_autoptr(GString) names = g_string_new (NULL);

  stmt = ks_database_prepare (db,
                              "SELECT lp.name FROM agreement_local_parties alp "
                              "JOIN local_parties lp ON lp.id = alp.local_party_id "
                              "WHERE alp.agreement_id = ? AND alp.role = 'implementing' "
                              "ORDER BY alp.position",
                              NULL);
  if (stmt == NULL)
    return NULL;

  sqlite3_bind_int64 (stmt, 1, agreement_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, (const char *) sqlite3_column_text (stmt, 0));
    }

  return names->len > 0 ? g_string_free (g_steal_pointer (&names), FALSE) : NULL;
}

static char *
describe_reporting (KsDatabase         *db,
                    KsAgreementSummary *summary)
{
  gboolean center = ks_agreement_summary_get_reported_to_center_on (summary)[0] != '\0';
  gboolean agency = ks_agreement_summary_get_reported_by_agency_on (summary)[0] != '\0';
  g_autofree char *parties = NULL;

  if (!agency)
    parties = implementing_parties (db, ks_agreement_summary_get_id (summary));

  if (!center && parties != NULL)
    return g_strdup_printf (_("Signed, reported neither to the central government nor "
                              "by %s to the cooperation section"), parties);
  if (!center)
    return g_strdup (_("Signed, not reported to the central government"));
  if (parties != NULL)
    return g_strdup_printf (_("Not reported by %s to the cooperation section"), parties);

  return g_strdup (_("Reported"));
}

static char *
describe_missing_steps (KsDatabase         *db,
                        KsAgreementSummary *summary)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *missing = ks_procedure_progress_list_missing (db, ks_agreement_summary_get_id (summary),
                                                                 &error);

  if (missing == NULL)
    return g_strdup (error->message);

  /* Translators: the required steps of the procedure checklist not done, "DPRD approval, Full powers" */
  return g_strdup_printf (_("Signed without: %s"), missing);
}

/**
 * ks_attention_action_for_view:
 *
 * Returns: what to do about an agreement in @view
 */
KsAttentionAction
ks_attention_action_for_view (KsSmartView view)
{
  switch (view)
    {
    case KS_SMART_VIEW_NEEDS_FOLLOW_UP:
      return KS_ATTENTION_ACTION_ADD_FOLLOW_UP;
    case KS_SMART_VIEW_EXPIRING:
      return KS_ATTENTION_ACTION_RENEW;
    case KS_SMART_VIEW_NOT_REPORTED:
      return KS_ATTENTION_ACTION_RECORD_REPORT;
    case KS_SMART_VIEW_MISSING_STEPS:
      /* The checklist is in the editor that the row opens. */
      return KS_ATTENTION_ACTION_NONE;
    case KS_SMART_VIEW_NONE:
    default:
      return KS_ATTENTION_ACTION_NONE;
    }
}

/**
 * ks_attention_action_get_label:
 *
 * Returns: (transfer none): the translated label of a button doing
 *   @action, or %NULL for %KS_ATTENTION_ACTION_NONE
 */
const char *
ks_attention_action_get_label (KsAttentionAction action)
{
  switch (action)
    {
    case KS_ATTENTION_ACTION_ADD_FOLLOW_UP:
      return _("Add Follow-up Event");
    case KS_ATTENTION_ACTION_RECORD_REPORT:
      return _("Record Report Date");
    case KS_ATTENTION_ACTION_RENEW:
      return _("Renew");
    case KS_ATTENTION_ACTION_NONE:
    default:
      return NULL;
    }
}

/**
 * ks_attention_describe:
 * @db: the register (for the names of the implementing parties)
 * @summary: an agreement known to be in @view
 * @view: the smart view
 * @today: the day to measure to
 *
 * The sentence only; it does not check that @summary is in @view (see
 * ks_attention_explain()).  Dates are localized and months counted as
 * ks_partial_date_months_since() does.
 *
 * Returns: (transfer full): why @summary is in @view, translated
 */
char *
ks_attention_describe (KsDatabase         *db,
                       KsAgreementSummary *summary,
                       KsSmartView         view,
                       const GDate        *today)
{
  g_return_val_if_fail (KS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (KS_IS_AGREEMENT_SUMMARY (summary), NULL);
  g_return_val_if_fail (today != NULL && g_date_valid (today), NULL);

  switch (view)
    {
    case KS_SMART_VIEW_NEEDS_FOLLOW_UP:
      return describe_follow_up (summary, today);
    case KS_SMART_VIEW_EXPIRING:
      return describe_expiry (summary, today);
    case KS_SMART_VIEW_NOT_REPORTED:
      return describe_reporting (db, summary);
    case KS_SMART_VIEW_MISSING_STEPS:
      return describe_missing_steps (db, summary);
    case KS_SMART_VIEW_NONE:
    default:
      return g_strdup ("");
    }
}

/**
 * ks_attention_explain:
 * @list: the register's list; its filter gives today and the thresholds
 * @summary: an agreement of @list
 * @view: a smart view
 * @action: (out) (optional): what to do next
 *
 * Returns: (transfer full) (nullable): why @summary is in @view, or
 *   %NULL (and %KS_ATTENTION_ACTION_NONE) when it is not
 */
char *
ks_attention_explain (KsAgreementList    *list,
                      KsAgreementSummary *summary,
                      KsSmartView         view,
                      KsAttentionAction  *action)
{
  GDate today;

  g_return_val_if_fail (KS_IS_AGREEMENT_LIST (list), NULL);
  g_return_val_if_fail (KS_IS_AGREEMENT_SUMMARY (summary), NULL);

  if (action != NULL)
    *action = KS_ATTENTION_ACTION_NONE;
  if (view == KS_SMART_VIEW_NONE ||
      !ks_agreement_list_in_smart_view (list, ks_agreement_summary_get_id (summary), view))
    return NULL;

  if (action != NULL)
    *action = ks_attention_action_for_view (view);
  ks_agreement_filter_get_today (ks_agreement_list_get_filter (list), &today);

  return ks_attention_describe (ks_agreement_list_get_database (list), summary, view, &today);
}
