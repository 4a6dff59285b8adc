#pragma once

#include "domain/result.h"

#include <QSqlDatabase>

namespace lb {

// Format version 3 of the project file (docs/architecture.md §4.2): label-row JSON moves out of label_rows
// and journal into the content-addressed label_contents, rows are keyed by (branch, data unit), a row
// remembers the operation that created it (its label hash is derived from it when none was given), and
// provenance refers to content by id. Runs inside the migration's transaction; every row keeps its label
// hash, status, times, content bytes, counts and provenance.
Result<void> migrateToContentStore(QSqlDatabase &db);

} // namespace lb
