#pragma once

#include "domain/labelrowdocument.h"
#include "domain/result.h"

#include <QSqlDatabase>
#include <QSqlQuery>

namespace lb {

// The content-addressed half of the project file (docs/architecture.md §4.2): every distinct label-row JSON
// is stored once, keyed by the SHA-256 of its bytes: its facts (object and classification counts, per-class
// counts, the canonical content hash) in label_contents, its compressed bytes in label_content_bytes. Rows
// and journal entries refer to it by id, so a copy, sync or snapshot moves integers. Content nothing refers
// to any more is removed by collectGarbage().
class SqliteContents
{
public:
    explicit SqliteContents(QSqlDatabase db) : m_db(std::move(db)) {}

    // The id of the row's content, stored now when it is new. Call inside the caller's transaction.
    Result<qint64> idFor(const LabelRowDocument &row);
    // Notes the content ids `selectIds` (a SELECT of one column) gives as possibly no longer referred to,
    // before a change that may drop their last reference; collectCandidates() removes those that lost it.
    Result<void> addCandidates(const QString &selectIds, std::initializer_list<QVariant> values = {});
    // Notes every content the branch's rows and journal entries refer to (before the branch is deleted).
    Result<void> addBranchCandidates(qint64 branchId);
    // Removes the noted contents no label row, journal entry or provenance refers to; returns how many. One
    // pass over the rows and the journal, whatever the number of contents.
    Result<int> collectCandidates();
    // Every stored content is a candidate.
    Result<int> collectGarbage();

    // Lower-case hex SHA-256 of the bytes: the key of label_contents.
    static QString digestOf(const QByteArray &json);

private:
    Result<void> prepare();

    QSqlDatabase m_db;
    QSqlQuery m_find;
    QSqlQuery m_insert;
    QSqlQuery m_insertBytes;
    bool m_prepared = false;
};

} // namespace lb
