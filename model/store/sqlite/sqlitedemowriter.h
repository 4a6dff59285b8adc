#pragma once

#include "domain/dataunit.h"
#include "domain/preparedcontent.h"
#include "domain/result.h"

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>
#include <QStringList>

namespace lb {

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
    QList<DataUnit> dataUnits; // new to the project, added before the rows
    QList<PreparedContent> contents;
    QList<PreparedRow> rows;
};

// Writes a generated project (the demo) into a new project file in large batches: data units, contents and
// rows arrive prepared, so writing is plain inserts (set-based for data units and rows), and rows of
// several branches that have the same labels point at one stored content. Nothing is journaled and no
// provenance is recorded, as with Store::writeRows under operation 0. Works on the connection of the
// SqliteStore that owns the new file, on its thread; while it writes (begin() to finish()) that file is
// not safe against a crash, which is fine for a file that is removed on any failure.
class SqliteDemoWriter
{
public:
    explicit SqliteDemoWriter(QSqlDatabase db) : m_db(std::move(db)) {}
    ~SqliteDemoWriter();
    SqliteDemoWriter(const SqliteDemoWriter &) = delete;
    SqliteDemoWriter &operator=(const SqliteDemoWriter &) = delete;

    // Resolves the branches that PreparedRow::branch indexes, and prepares the statements.
    Result<void> begin(const QStringList &branches);
    // One transaction: all of the batch or nothing.
    Result<void> write(const PreparedBatch &batch);
    // Puts the connection's journal, sync and foreign-key settings back as every project file has them.
    Result<void> finish();

private:
    Result<void> addDataUnits(const QList<DataUnit> &units);
    Result<QList<qint64>> storeContents(const QList<PreparedContent> &contents);
    Result<void> insertRows(const QList<PreparedRow> &rows, const QList<qint64> &contentIds);

    QSqlDatabase m_db;
    bool m_begun = false;
    QList<qint64> m_branchIds;
    QSqlQuery m_insertUnits;
    QSqlQuery m_insertContent;
    QSqlQuery m_insertBytes;
    QSqlQuery m_findContent;
    QSqlQuery m_insertRows;
};

} // namespace lb
