/* ks-error.h
 *
 * Copyright 2026 The Kerjasama developers
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define KS_ERROR (ks_error_quark ())

/**
 * KsError:
 * @KS_ERROR_INVALID: a value breaks a validation rule
 * @KS_ERROR_PARSE: input text could not be understood
 * @KS_ERROR_NOT_FOUND: a record or reference does not exist
 * @KS_ERROR_DATABASE: SQLite reported a failure
 * @KS_ERROR_NOT_KERJASAMA: the file is not a Kerjasama database
 * @KS_ERROR_NEWER_VERSION: the file was written by a newer Kerjasama
 * @KS_ERROR_DAMAGED: the file failed its integrity check
 * @KS_ERROR_BUSY: another program holds the database for too long
 * @KS_ERROR_CANCELLED: the user cancelled the operation
 * @KS_ERROR_IO: reading or writing a file failed
 * @KS_ERROR_CONFLICT: a record was changed on both sides
 *
 * Failures a user can cause; every message is translated and names the
 * field, line or file concerned.
 */
typedef enum
{
  KS_ERROR_INVALID,
  KS_ERROR_PARSE,
  KS_ERROR_NOT_FOUND,
  KS_ERROR_DATABASE,
  KS_ERROR_NOT_KERJASAMA,
  KS_ERROR_NEWER_VERSION,
  KS_ERROR_DAMAGED,
  KS_ERROR_BUSY,
  KS_ERROR_CANCELLED,
  KS_ERROR_IO,
  KS_ERROR_CONFLICT,
} KsError;

GQuark ks_error_quark (void);

G_END_DECLS
