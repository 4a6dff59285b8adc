#pragma once

#include "domain/result.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace lb {

// One label content made ready off the writing thread: the compressed JSON, the SHA-256 of its bytes and
// the facts listing reads (see SqliteContents).
struct PreparedContent
{
    QString digest;
    QString contentHash;
    int objectCount = 0;
    int classificationCount = 0;
    QString classCounts;   // encodeClassCounts()
    QByteArray compressed; // qCompress() form of the JSON
};

// One label row to create: its identity, state and content. Rows naming the same content index share one
// stored content, as a copy would.
struct PreparedRow
{
    int branch = 0; // index into the branches given to SqliteDemoWriter::begin
    QString dataHash;
    QString labelHash; // a UUID no other row uses (not version 8)
    QString status;
    qint64 createdAtMs = 0;
    qint64 lastEditedAtMs = 0;
    int content = 0; // index into PreparedBatch::contents
};

struct PreparedBatch
{
    QList<PreparedContent> contents;
    QList<PreparedRow> rows;
};

// Writes a generated project (the demo) into a new project file in large batches: contents and rows
// arrive prepared, so writing is plain inserts, and rows of several branches that have the same labels
// point at one stored content. Nothing is journaled and no provenance is recorded, as with
// Store::writeRows under operation 0. Works on the connection of the SqliteStore that owns the file, on its
// thread; the data units must have been added first (SqliteStore::addDataUnits).
class SqliteDemoWriter
{
public:
    explicit SqliteDemoWriter(QSqlDatabase db) : m_db(std::move(db)) {}

    // Resolves the branches that PreparedRow::branch indexes, and prepares the statements.
    Result<void> begin(const QStringList &branches);
    // One transaction: all of the batch or nothing.
    Result<void> write(const PreparedBatch &batch);

private:
    Result<QList<qint64>> storeContents(const QList<PreparedContent> &contents);
    Result<void> insertRow(const PreparedRow &row, qint64 contentId);

    QSqlDatabase m_db;
    QList<qint64> m_branchIds;
    QSqlQuery m_insertContent;
    QSqlQuery m_findContent;
    QSqlQuery m_insertRow;
};

} // namespace lb
