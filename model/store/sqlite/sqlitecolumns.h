#pragma once

#include "domain/dataunit.h"

#include <QString>

namespace lb::sql {

// The project file's own spellings of stored values and the column lists its readers and writers share, so
// the store's files agree on them.

// The status of a data unit without a label row (never stored; the rows that exist carry their own).
inline const QString kNotLabelled = QStringLiteral("NOT_LABELLED");

// Every column of a label row but its location (branch, data unit), in the order shared by label_rows and
// journal.
inline const QString kRowStateColumns = QStringLiteral(
    "label_hash, created_by, label_status, created_at, last_edited_at, content_id, source_branch, "
    "source_content_id, copied_at");

// A JSON array bound as one parameter, as a set of values: any number of them without running into
// SQLite's limit on bound variables. The one place that spells this per database.
inline const QString kValuesOfParameter = QStringLiteral("SELECT value FROM json_each(?)");

// The store's own spelling of data types, independent of display or Encord naming.
QString dataTypeCode(const DataType &type);
DataType dataTypeFromCode(const QString &code);

// A data unit as messages name it: 'title' (hash), or the hash alone.
QString dataUnitLabel(const QString &dataHash, const QString &title);

} // namespace lb::sql
