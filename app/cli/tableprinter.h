#pragma once

#include "domain/result.h"

#include <functional>
#include <memory>
#include <QByteArray>
#include <QDataStream>
#include <QList>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QTemporaryFile>

namespace lb::cli {

// Plain aligned columns for terminals and pipes: a header row, then one line per row, two spaces apart.
// The widths are known only after the last row, so rows beyond the first few thousand wait in a temporary
// file: a table of every data unit of a large project is printed without holding it in memory.
class TablePrinter
{
public:
    using Sink = std::function<void(const QByteArray &)>;

    explicit TablePrinter(QStringList headers);

    void setRightAligned(int column) { m_rightAligned.insert(column); }
    void addRow(QStringList cells);
    qint64 rowCount() const { return m_rowCount; }

    // The table in UTF-8 pieces of whole lines, every line ending in '\n'. Fails when the rows kept in the
    // temporary file could not be written (found before anything is written) or read back (the table is
    // cut short there).
    Result<void> write(const Sink &out);

    static constexpr qsizetype kRowsInMemory = 4096;

private:
    void spill(const QStringList &cells);
    QByteArray line(const QStringList &cells) const;

    QStringList m_headers;
    QList<qsizetype> m_widths;
    QList<QStringList> m_rows;
    QSet<int> m_rightAligned;
    qint64 m_rowCount = 0;
    QString m_spillFolder;
    std::unique_ptr<QTemporaryFile> m_spillFile;
    QDataStream m_spill;
    QString m_spillError;
};

} // namespace lb::cli
