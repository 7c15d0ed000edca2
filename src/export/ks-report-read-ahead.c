/* ks-report-read-ahead.c
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "ks-report-read-ahead"

#include "config.h"

#include "ks-report-read-ahead.h"

/* Rows travel in batches, so that the two threads meet at the lock
 * once per batch, not once per row; and only a few batches wait, so
 * that memory does not grow with the register. */
#define BATCH_ROWS  64
#define MAX_WAITING 4

typedef struct
{
  GPtrArray      *rows;      /* of KsReportRow; NULL at a region's end */
  KsRegionCounts  counts;    /* at a region's end */
  GError         *error;     /* the reading failed or was cancelled */
} Batch;

struct _KsReportReadAhead
{
  KsReport     *report;
  GCancellable *cancellable;
  GThread      *thread;

  GMutex        mutex;
  GCond         cond;
  GQueue        waiting;     /* of Batch, guarded by mutex */
  gboolean      stopping;    /* the writer is done, guarded by mutex */

  Batch        *filling;     /* the reading thread's */
  Batch        *current;     /* the writing thread's */
  guint         next_row;
};

static Batch *
batch_new_rows (void)
{
  Batch *batch = g_new0 (Batch, 1);

  batch->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) ks_report_row_free);
  return batch;
}

static void
batch_free (Batch *batch)
{
  g_clear_pointer (&batch->rows, g_ptr_array_unref);
  g_clear_error (&batch->error);
  g_free (batch);
}

/* Waits for room; FALSE when the writer stopped.  A writer that has not
 * stopped pops until it meets a failure, so a failure gets through. */
static gboolean
push (KsReportReadAhead *self,
      Batch             *batch)
{
  gboolean stopping;

  g_mutex_lock (&self->mutex);
  while (!self->stopping && self->waiting.length >= MAX_WAITING)
    g_cond_wait (&self->cond, &self->mutex);
  stopping = self->stopping;
  if (!stopping)
    g_queue_push_tail (&self->waiting, batch);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  if (stopping)
    batch_free (batch);
  return !stopping;
}

static gboolean
push_filling (KsReportReadAhead  *self,
              GError            **error)
{
  Batch *batch = g_steal_pointer (&self->filling);

  if (batch == NULL || batch->rows->len == 0)
    {
      g_clear_pointer (&batch, batch_free);
      return TRUE;
    }
  if (push (self, batch))
    return TRUE;

  /* Never shown: only ends ks_report_foreach_row() for a writer that
   * has stopped asking. */
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED, "stopped");
  return FALSE;
}

static gboolean
add_row_cb (const KsReportRow  *row,
            gpointer            user_data,
            GError            **error)
{
  KsReportReadAhead *self = user_data;

  if (self->filling == NULL)
    self->filling = batch_new_rows ();
  g_ptr_array_add (self->filling->rows, ks_report_row_copy (row));

  return self->filling->rows->len < BATCH_ROWS || push_filling (self, error);
}

/* What a region's sheet needs of the report, one region after the
 * other: the rows of the period, then the two counts of the summary. */
static gboolean
read_region (KsReportReadAhead  *self,
             KsRegion           *region,
             GError            **error)
{
  const KsReportOptions *options = ks_report_get_options (self->report);
  const char *codes[] = { ks_region_get_code (region), NULL };
  Batch *end = g_new0 (Batch, 1);

  if (!ks_report_foreach_row (self->report, codes, options->year_from, options->year_to,
                              KS_SMART_VIEW_NONE, add_row_cb, self, self->cancellable, error) ||
      !push_filling (self, error) ||
      !ks_report_count (self->report, codes, KS_SMART_VIEW_NEEDS_FOLLOW_UP,
                        &end->counts.n_follow_up, error) ||
      !ks_report_count (self->report, codes, KS_SMART_VIEW_NOT_REPORTED,
                        &end->counts.n_not_reported, error))
    {
      batch_free (end);
      return FALSE;
    }

  return push (self, end);
}

static gpointer
read_regions (gpointer data)
{
  KsReportReadAhead *self = data;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < ks_report_get_n_regions (self->report); i++)
    if (!read_region (self, ks_report_get_region (self->report, i), &error))
      break;

  g_clear_pointer (&self->filling, batch_free);
  if (error != NULL)
    {
      Batch *failed = g_new0 (Batch, 1);

      failed->error = g_steal_pointer (&error);
      push (self, failed);
    }

  return NULL;
}

/**
 * ks_report_read_ahead_new:
 * @report: the report, left to the reading thread until freed
 * @cancellable: (nullable): stops the reading
 *
 * Starts reading the rows of each of @report's regions, in region order
 * and, within a region, in the order of ks_report_foreach_row() for the
 * options' period.
 *
 * Returns: (transfer full): the reader
 */
KsReportReadAhead *
ks_report_read_ahead_new (KsReport     *report,
                          GCancellable *cancellable)
{
  KsReportReadAhead *self;

  g_return_val_if_fail (KS_IS_REPORT (report), NULL);

  self = g_new0 (KsReportReadAhead, 1);
  self->report = g_object_ref (report);
  self->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  g_mutex_init (&self->mutex);
  g_cond_init (&self->cond);
  g_queue_init (&self->waiting);
  self->thread = g_thread_new ("ks-report-read", read_regions, self);

  return self;
}

static Batch *
pop (KsReportReadAhead *self)
{
  Batch *batch;

  g_mutex_lock (&self->mutex);
  while (self->waiting.length == 0)
    g_cond_wait (&self->cond, &self->mutex);
  batch = g_queue_pop_head (&self->waiting);
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);

  return batch;
}

/**
 * ks_report_read_ahead_next:
 * @row: (out) (transfer full) (nullable): the next row of the region,
 *   or %NULL at the end of the region
 * @counts: (out caller-allocates): at the end of a region, its counts
 *
 * Call it until it gives as many region ends as the report has regions.
 *
 * Returns: %FALSE with @error set when the register could not be read or
 *   the reading was cancelled
 */
gboolean
ks_report_read_ahead_next (KsReportReadAhead  *self,
                           KsReportRow       **row,
                           KsRegionCounts     *counts,
                           GError            **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row != NULL && counts != NULL, FALSE);

  while (self->current == NULL || self->next_row == self->current->rows->len)
    {
      Batch *batch;

      g_clear_pointer (&self->current, batch_free);
      batch = pop (self);
      if (batch->error != NULL)
        {
          g_propagate_error (error, g_steal_pointer (&batch->error));
          batch_free (batch);
          return FALSE;
        }
      if (batch->rows == NULL)
        {
          *counts = batch->counts;
          *row = NULL;
          batch_free (batch);
          return TRUE;
        }
      self->current = batch;
      self->next_row = 0;
    }

  *row = g_steal_pointer (&self->current->rows->pdata[self->next_row++]);
  return TRUE;
}

/**
 * ks_report_read_ahead_free:
 *
 * Stops the reading thread, waits for it and gives the report back.
 */
void
ks_report_read_ahead_free (KsReportReadAhead *self)
{
  if (self == NULL)
    return;

  g_mutex_lock (&self->mutex);
  self->stopping = TRUE;
  g_cond_broadcast (&self->cond);
  g_mutex_unlock (&self->mutex);
  g_thread_join (self->thread);

  g_queue_clear_full (&self->waiting, (GDestroyNotify) batch_free);
  g_clear_pointer (&self->current, batch_free);
  g_mutex_clear (&self->mutex);
  g_cond_clear (&self->cond);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->report);
  g_free (self);
}
